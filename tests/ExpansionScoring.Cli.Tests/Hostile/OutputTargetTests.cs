using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Hostile;

/// <summary>
/// --out never replaces what its path names: a device or FIFO is written through, a symbolic link's target is written
/// and the link stays; --out and --rejects naming one file, in any spelling, is an error.
/// </summary>
public class OutputTargetTests
{
    [MknodFact]
    public async Task Score_OutToACharacterDevice_WritesThroughAndTheDeviceStays()
    {
        using var temp = Temp();
        string device = temp.File("mynull");
        Assert.True(SpecialFiles.TryMakeNullDevice(device));

        var result = await RunAsync("score", Fixture("book.csv"), "--out", device, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("character special file", SpecialFiles.Type(device));
        Assert.Equal([device], Directory.GetFileSystemEntries(temp.Path)); // no temporary file left beside it
    }

    [Fact]
    public async Task Score_OutOverAnExistingFile_ReplacesItAndLeavesNothingBeside()
    {
        using var temp = Temp();
        string output = temp.File("scores.csv");
        File.WriteAllText(output, "the old output\n");

        var result = await RunAsync("score", Fixture("book.csv"), "--out", output, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(5, CsvText.Read(File.ReadAllText(output)).Count);
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path)); // neither the old file nor a temporary one left
    }

    [Fact]
    public async Task Score_FailingRunOverAnExistingFile_LeavesTheOldFile()
    {
        using var temp = Temp();
        string output = temp.File("scores.csv");
        File.WriteAllText(output, "the old output\n");

        var result = await RunAsync("score", Fixture("rejects.csv"), "--out", output, "--strict", "--as-of", AsOfText);

        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.Equal("the old output\n", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
    }

    [UnixFact]
    public async Task Score_OutToAFifo_WritesThroughToItsReaderAndTheFifoStays()
    {
        using var temp = Temp();
        string fifo = temp.File("f");
        Assert.True(SpecialFiles.TryMakeFifo(fifo));
        var reader = Task.Run(() => File.ReadAllText(fifo));

        var result = await RunAsync("score", Fixture("book.csv"), "--out", fifo, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        string written = await reader.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(5, CsvText.Read(written).Count);
        Assert.Equal("fifo", SpecialFiles.Type(fifo));
        Assert.Equal([fifo], Directory.GetFileSystemEntries(temp.Path));
    }

    [UnixFact]
    public async Task Score_OutToASymlink_WritesItsTargetAndKeepsTheLink()
    {
        using var temp = Temp();
        string target = temp.Write("t.txt", "old\n");
        string link = temp.File("l.csv");
        File.CreateSymbolicLink(link, "t.txt");

        var result = await RunAsync("score", Fixture("book.csv"), "--out", link, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("t.txt", new FileInfo(link).LinkTarget);
        Assert.Equal(5, CsvText.Read(File.ReadAllText(target)).Count);
        Assert.Equal([link, target], Directory.GetFileSystemEntries(temp.Path).Order(StringComparer.Ordinal));
    }

    [UnixFact]
    public async Task Score_OutToADanglingSymlink_CreatesItsTarget()
    {
        using var temp = Temp();
        string link = temp.File("l.csv");
        File.CreateSymbolicLink(link, "made.csv");

        var result = await RunAsync("score", Fixture("book.csv"), "--out", link, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("made.csv", new FileInfo(link).LinkTarget);
        Assert.Equal(5, CsvText.Read(File.ReadAllText(temp.File("made.csv"))).Count);
    }

    [UnixFact]
    public async Task Score_OutToASymlinkThatLoops_IsRefusedWithAMessage()
    {
        using var temp = Temp();
        string a = temp.File("a.csv");
        File.CreateSymbolicLink(a, "b.csv");
        File.CreateSymbolicLink(temp.File("b.csv"), "a.csv");

        var result = await RunAsync("score", Fixture("book.csv"), "--out", a);

        result.AssertCleanFailure();
        Assert.Equal($"error: --out {a}: too many levels of symbolic links", result.Stderr.TrimEnd());
    }

    [MknodFact]
    public async Task Score_StrictRunThatFailsOnADevice_LeavesTheDeviceInPlace()
    {
        using var temp = Temp();
        string device = temp.File("mynull");
        Assert.True(SpecialFiles.TryMakeNullDevice(device));

        var result = await RunAsync("score", Fixture("rejects.csv"), "--out", device, "--strict");

        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.Equal("character special file", SpecialFiles.Type(device));
    }

    [Fact]
    public async Task Score_OutAndRejectsTheSamePath_IsAnError()
    {
        using var temp = Temp();
        string a = temp.File("a.csv");

        var result = await RunAsync("score", Fixture("book.csv"), "--out", a, "--rejects", a);

        result.AssertCleanFailure();
        Assert.Equal($"error: --out {a} and --rejects {a} name the same file; give each its own", result.Stderr.TrimEnd());
        Assert.False(File.Exists(a));
    }

    [UnixFact]
    public async Task Score_OutAndRejectsTheSameFileInOtherSpellings_IsAnError()
    {
        using var temp = Temp();
        string a = temp.File("a.csv");
        string dotted = Path.Combine(temp.Path, ".", "sub", "..", "a.csv");
        Directory.CreateDirectory(temp.File("sub"));
        string link = temp.File("l.csv");
        File.CreateSymbolicLink(link, a);
        string linkedFolder = temp.File("lf");
        Directory.CreateSymbolicLink(linkedFolder, temp.Path);

        foreach (string other in new[] { dotted, link, Path.Combine(linkedFolder, "a.csv") })
        {
            var result = await RunAsync("score", Fixture("book.csv"), "--out", a, "--rejects", other);

            result.AssertCleanFailure();
            Assert.Equal($"error: --out {a} and --rejects {other} name the same file; give each its own", result.Stderr.TrimEnd());
        }
    }

    [Fact]
    public async Task Score_OutAndRejectsDifferentFiles_WritesBoth()
    {
        using var temp = Temp();

        var result = await RunAsync("score", Fixture("rejects.csv"), "--out", temp.File("out.csv"), "--rejects", temp.File("rej.csv"));

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.NotEmpty(CsvText.Read(File.ReadAllText(temp.File("out.csv"))));
        Assert.NotEmpty(CsvText.Read(File.ReadAllText(temp.File("rej.csv"))));
    }
}
