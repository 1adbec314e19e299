namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>A fact that needs headless Chromium: skipped, with a message saying so, when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where the test looks for Chromium: the Debian package's launcher and the usual alternatives.</summary>
    public static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public ChromiumFactAttribute()
    {
        if (Executable is null)
        {
            Skip = "Chromium is not installed (looked for /usr/bin/chromium, chromium-browser, google-chrome); install it with 'apt-get install chromium' to run the HTML render test. CI's .ci/run installs it.";
        }
    }

    public static string? Executable => Candidates.FirstOrDefault(File.Exists);
}
