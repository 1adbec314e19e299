using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Output;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Hostile;

/// <summary>Escape sequences and other control characters from input never reach a terminal raw.</summary>
public class TerminalTextTests
{
    private const string Payload = "\u001b[31mRED\u001b]0;title\u0007\r\u009b2J\u202Eevil";

    [Fact]
    public void Neutralise_ReplacesEveryControlCharacterWithAVisibleStandIn()
    {
        Assert.Equal("␛[31mRED␛]0;title␇␍\uFFFD2J\uFFFDevil", TerminalText.Neutralise(Payload));
        Assert.Equal("line one\nline\ttwo␡", TerminalText.Neutralise("line one\nline\ttwo\u007f"));
        Assert.Same("plain", TerminalText.Neutralise("plain"));
    }

    [Fact]
    public void Cell_CutsAtTheLimitWithoutSplittingASurrogatePair()
    {
        string emoji = new string('a', TerminalText.MaxCellChars - 2) + "😀😀";

        string cell = TerminalText.Cell(emoji);

        Assert.Equal(new string('a', TerminalText.MaxCellChars - 2) + "…", cell);
        Assert.Equal("a b", TerminalText.Cell("a\nb"));
        Assert.Equal("exactly", TerminalText.Cell("exactly"));
    }

    [Property(MaxTest = 300)]
    public bool Neutralise_AnyText_LeavesNoControlCharacterButLineFeedAndTab(string? text)
        => TerminalText.Neutralise(text ?? string.Empty).All(c => !TerminalText.NeedsNeutralising(c));

    [Property(MaxTest = 300)]
    public bool Cell_AnyText_IsOneLineWithinTheLimit(string? text)
    {
        string cell = TerminalText.Cell(text);
        return cell.Length <= TerminalText.MaxCellChars && !cell.Contains('\n', StringComparison.Ordinal) && cell.All(c => !TerminalText.NeedsNeutralising(c));
    }

    [Theory]
    [InlineData("score")]
    [InlineData("portfolio")]
    public async Task Table_NameWithEscapeSequences_IsShownNeutralised(string command)
    {
        using var temp = Temp();
        string path = temp.Write("b.csv", $"account_id,name,arr,plan_fit,velocity,engagement,champion,triggers\nesc,\"{Payload}\",1000,90,90,90,90,90\n");

        var result = await RunAsync(command, path, "--format", "table", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("␛[31mRED␛]0;title␇", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.DoesNotContain('\u0007', result.Stdout);
        Assert.DoesNotContain('\u009b', result.Stdout);
    }

    [Fact]
    public async Task StandardError_RejectedIdAndValueWithEscapeSequences_AreNeutralised()
    {
        using var temp = Temp();
        string path = temp.Write("b.csv", "account_id,arr\n\"a\u001b[2J\",\"\u001b[31m5\"\n");

        var result = await RunAsync("score", path, "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("rejected line 2 (account a␛[2J): arr: '␛[31m5' is not a number", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', result.Stderr);
    }

    [Fact]
    public async Task StandardError_FileNameWithEscapeSequences_IsNeutralised()
    {
        var result = await RunAsync("score", "missing\u001b]0;pwned\u0007.csv");

        result.AssertCleanFailure();
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.Contains("missing␛]0;pwned␇.csv", result.Stderr, StringComparison.Ordinal);
    }
}
