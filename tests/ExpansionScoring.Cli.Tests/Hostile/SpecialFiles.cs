using System.Diagnostics;

namespace ExpansionScoring.Cli.Tests.Hostile;

/// <summary>Makes real FIFOs and device nodes with the system's own mkfifo and mknod.</summary>
internal static class SpecialFiles
{
    public static bool TryRun(string tool, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The null device's numbers on Linux: character device 1, 3.</summary>
    public static bool TryMakeNullDevice(string path) => TryRun("mknod", path, "c", "1", "3");

    public static bool TryMakeFifo(string path) => TryRun("mkfifo", path);

    public static string Type(string path) => Output("stat", "-c", "%F", path);

    private static string Output(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }
}

/// <summary>A fact that needs mkfifo (Unix): skipped on Windows.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "FIFOs, devices and lstat are Unix things.";
        }
    }
}

/// <summary>A fact that makes a device node: skipped, saying why, where mknod is not permitted (not root, or a container without CAP_MKNOD).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MknodFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Permitted = new(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        string probe = Path.Combine(Path.GetTempPath(), "mknod-probe-" + Guid.NewGuid().ToString("N"));
        bool ok = SpecialFiles.TryMakeNullDevice(probe);
        File.Delete(probe);
        return ok;
    });

    public MknodFactAttribute()
    {
        if (!Permitted.Value)
        {
            Skip = "mknod is not permitted here (it needs root or CAP_MKNOD); the device case is not tested on this machine.";
        }
    }
}
