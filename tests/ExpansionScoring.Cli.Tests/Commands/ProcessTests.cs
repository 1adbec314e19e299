using System.Diagnostics;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>A few runs of the real executable: real pipes, real exit codes, nothing but messages on standard error.</summary>
public class ProcessTests
{
    [Fact]
    public async Task Process_CsvOnStandardInput_ScoresToStandardOutputWithExitZero()
    {
        var (code, stdout, stderr) = await RunToolAsync(File.ReadAllText(Fixture("book.csv")), "score", "-", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["acme", "nimbus", "quoted", "multi", "tele"], CsvText.Read(stdout).Select(r => r["account_id"]));
        Assert.StartsWith("scored 5 of 5 rows (0 rejected) as of 2026-11-23", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_RejectedRows_ExitsTwo()
    {
        var (code, _, stderr) = await RunToolAsync(string.Empty, "score", Fixture("rejects.csv"), "--format", "jsonl", "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, code);
        Assert.Equal(16, stderr.Split('\n').Count(l => l.StartsWith("rejected line", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Process_MissingFile_ExitsOneWithOneLineAndNoStackTrace()
    {
        var (code, stdout, stderr) = await RunToolAsync(string.Empty, "score", Fixture("missing.json"));

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: {Fixture("missing.json")}: file not found", stderr.TrimEnd());
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunToolAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ExpansionScoring.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdoutTask, await stderrTask);
    }
}
