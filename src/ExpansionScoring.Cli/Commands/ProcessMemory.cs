using System.Diagnostics;

namespace ExpansionScoring.Cli.Commands;

/// <summary>What the run summary reports of the process's memory.</summary>
internal static class ProcessMemory
{
    /// <summary>Gets the process's peak working set so far, in MB (10⁶ bytes).</summary>
    public static long PeakMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1_000_000;
    }
}
