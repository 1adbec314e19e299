using System.Globalization;
using System.Text;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// The batch path reads a CSV file on several threads, in batches of about 256 KB that CsvHelper's workers read while
/// the rows are taken in file order on another. A book of many batches, with every kind of row the reader treats
/// specially scattered through it (so that batch boundaries fall among them), must give what the row route gives:
/// the same accounts, the same rejections with the same lines and in the same order, the same skipped rows and footer.
/// </summary>
public sealed class ParallelReadTests
{
    private const string Header = "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,renewal_date,health_score,open_p1_p2_tickets,contract_start_date";

    [Fact]
    public async Task Compact_TrickyBookOfManyReadBatches_SameRowsRejectionsAndWarningsAsTheFullOutput()
    {
        using var temp = Temp();
        string input = temp.Write("book.csv", TrickyBook(24_000, footer: true));
        Assert.True(new FileInfo(input).Length > 8 * 256 * 1024, "the book spans several read batches");
        string fullRejects = temp.File("full-rejects.csv");
        string compactRejects = temp.File("compact-rejects.csv");

        var full = await RunAsync("score", input, "--as-of", AsOfText, "--rejects", fullRejects);
        var compact = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--rejects", compactRejects);

        Assert.Equal(ExitCodes.RowsRejected, full.ExitCode);
        Assert.Equal(full.ExitCode, compact.ExitCode);
        Assert.Equal(File.ReadAllText(fullRejects), File.ReadAllText(compactRejects));
        Assert.Equal(Messages(full).Select(m => m.Replace(fullRejects, "REJECTS", StringComparison.Ordinal)), Messages(compact).Select(m => m.Replace(compactRejects, "REJECTS", StringComparison.Ordinal)));
        Assert.Contains(Messages(compact), m => m.Contains("skipped a report footer of 2 lines", StringComparison.Ordinal));
        Assert.Contains("duplicate account_id", File.ReadAllText(compactRejects), StringComparison.Ordinal);
        Assert.Contains("malformed quoting", File.ReadAllText(compactRejects), StringComparison.Ordinal);
        Assert.Contains("blank rows", compact.Stderr, StringComparison.Ordinal);

        var expected = full.CsvRows();
        var actual = compact.CsvRows();
        Assert.Equal(expected.Select(r => (r["account_id"], r["band"], r["offer"], r["window"], r["probability"])), actual.Select(r => (r["account_id"], r["band"], r["offer"], r["window"], r["probability"])));
    }

    [Fact]
    public async Task Portfolio_TrickyBookOfManyReadBatches_SameAsTheRowRoute()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", TrickyBook(20_000, footer: true));

        // An overrides file naming no account of the book sends the portfolio down the row route, account by account.
        string overrides = temp.Write("overrides.csv", "account_id,window,reason,author,expires\nghost,Now,Not in the book,,\n");

        var batch = await RunAsync("portfolio", book, "--as-of", AsOfText, "--format", "json", "--top", "25");
        var rows = await RunAsync("portfolio", book, "--as-of", AsOfText, "--format", "json", "--top", "25", "--overrides", overrides);

        Assert.Equal(ExitCodes.RowsRejected, batch.ExitCode);
        Assert.Equal(rows.ExitCode, batch.ExitCode);
        Assert.Equal(rows.Stdout, batch.Stdout);
        Assert.Equal(Messages(rows).Where(m => !m.Contains("override", StringComparison.Ordinal)), Messages(batch));
    }

    [Fact]
    public async Task Compact_StandardInputAndFile_WriteTheSameBytes()
    {
        using var temp = Temp();
        string text = TrickyBook(6_000, footer: false);
        string input = temp.Write("book.csv", text);

        var file = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet");
        var piped = await RunWithInputAsync(text, "score", "-", "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(file.ExitCode, piped.ExitCode);
        Assert.Equal(file.Stdout, piped.Stdout);
        Assert.Equal(file.Stderr, piped.Stderr);
    }

    [Fact]
    public async Task Compact_InvalidUtf8FarIntoTheBook_ReportsTheRowsBeforeItThenStopsAtItsLine()
    {
        // The workers read ahead; the rows before the bad line are still taken (and their rejections reported) first.
        using var temp = Temp();
        byte[] book = Encoding.UTF8.GetBytes(TrickyBook(12_000, footer: false));
        int at = book.AsSpan(book.Length * 9 / 10).IndexOf("\nacct-"u8) + (book.Length * 9 / 10) + 1;
        int badLine = book.AsSpan(0, at).Count((byte)'\n') + 1;
        string input = temp.File("bad.csv");
        File.WriteAllBytes(input, [.. book.AsSpan(0, at), (byte)'b', 0xFF, (byte)',', .. book.AsSpan(at)]);

        var full = await RunAsync("score", input, "--as-of", AsOfText, "--quiet");
        var compact = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Failed, compact.ExitCode);
        Assert.Equal(full.ExitCode, compact.ExitCode);
        Assert.Contains($"line {badLine}: the text is not valid UTF-8", compact.Stderr, StringComparison.Ordinal);
        Assert.Equal(full.ErrorLines, compact.ErrorLines);
        Assert.Contains(compact.ErrorLines, l => l.StartsWith("rejected line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compact_StrictWithABadRowBeforeInvalidUtf8_StopsAtTheRowAsTheFullOutputDoes()
    {
        using var temp = Temp();
        var sb = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 9_000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"a{i},A,SMB,Pro,{(i == 8_990 ? "-1" : "1000")},50,50,50,50,50,,,,,,\n");
        }

        byte[] good = Encoding.UTF8.GetBytes(sb.ToString());
        string input = temp.File("strict.csv");
        File.WriteAllBytes(input, [.. good, (byte)'b', 0xFF, .. ",B,SMB,Pro,1000,50,50,50,50,50,,,,,,\n"u8]);

        var full = await RunAsync("score", input, "--strict", "--as-of", AsOfText);
        var compact = await RunAsync("score", input, "--compact", "--strict", "--as-of", AsOfText);

        compact.AssertCleanFailure();
        Assert.Contains("line 8992", compact.Stderr, StringComparison.Ordinal);
        Assert.Contains("--strict", compact.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("UTF-8", compact.Stderr, StringComparison.Ordinal);
        Assert.Equal(full.ExitCode, compact.ExitCode);
        Assert.Contains("line 8992", full.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "--compact")]
    [InlineData("portfolio", "--format")]
    public async Task BatchPath_CancelledWhileTheWorkersRead_StopsWithNoOutputFile(string command, string option)
    {
        // The book comes from standard input, which cancels the run once a few read batches have been handed out.
        using var temp = Temp();
        string output = temp.File("out.txt");
        using var cancel = new CancellationTokenSource();
        using var stdin = new CancellingReader(TrickyBook(40_000, footer: false), 1_000_000, cancel);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = option == "--compact" ? [command, "-", option, "--out", output, "--as-of", AsOfText] : [command, "-", option, "json", "--out", output, "--as-of", AsOfText];
        int code = await ExpansionScoring.Cli.Cli.RunAsync(args, stdin, stdout, stderr, ExpansionScoring.Cli.Commands.CliEnvironment.Redirected, cancel.Token);

        Assert.True(stdin.Cancelled);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("error: cancelled; no output file was written", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>Standard error without the summary line (which names the time taken and the memory).</summary>
    private static string[] Messages(CliResult result)
        => [.. result.ErrorLines.Where(l => !l.StartsWith("scored ", StringComparison.Ordinal) && !l.StartsWith("summarised ", StringComparison.Ordinal))];

    /// <summary>
    /// A book of plain rows with, at irregular intervals, each kind of row the reader treats specially: duplicates,
    /// blank rows, rows with one field (held back, then data; a run of them longer than is held back), quoted line breaks, malformed quoting, a wrong number of
    /// fields, names too long to be kept beside the row, ids with spaces inside their quotes, bad values; and a footer.
    /// </summary>
    private static string TrickyBook(int rows, bool footer)
    {
        var random = new Random(1717);
        var sb = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            if (i == rows / 2)
            {
                // More rows with one field than are held back as a possible footer: past 64 they are data.
                for (int k = 0; k < 70; k++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"run-{k},,,,,,,,,,,,,,,\n");
                }
            }

            string id = $"acct-{i:D6}";
            string name = $"Account {i}";
            string arr = random.Next(1_000, 900_000).ToString(CultureInfo.InvariantCulture);
            string signal = (random.Next(1001) / 10.0).ToString(CultureInfo.InvariantCulture);
            string tail = $"{signal},{random.Next(101)},{random.Next(101)}.5,,{random.Next(101)},{random.Next(1, 300)},{random.Next(0, 300)},{AsOf.AddDays(random.Next(-30, 400)):yyyy-MM-dd},{random.Next(30, 101)},{random.Next(3)},2024-0{random.Next(1, 10)}-1{random.Next(10)}";
            switch (random.Next(40))
            {
                case 0:
                    id = $"acct-{random.Next(i + 1):D6}"; // a duplicate, or the first of its id
                    break;
                case 1:
                    sb.Append(",,,,,,,,,,,,,,,\n");
                    break;
                case 2:
                    sb.Append('\n');
                    break;
                case 3:
                    sb.Append(CultureInfo.InvariantCulture, $"lone-{i},,,,,,,,,,,,,,,\n");
                    break;
                case 4:
                    name = $"\"Multi\nLine {i}, Inc.\"";
                    break;
                case 5:
                    name = $"Bad\"Quote {i}";
                    break;
                case 6:
                    tail += ",extra";
                    break;
                case 7:
                    name = new string('L', 100 + random.Next(100));
                    break;
                case 8:
                    id = $"\" {id} \"";
                    break;
                case 9:
                    signal = "abc";
                    tail = $"{signal},{tail[(tail.IndexOf(',', StringComparison.Ordinal) + 1)..]}";
                    break;
                case 10:
                    name = $"Caf\u00e9 M\u00fcller {i}";
                    break;
            }

            sb.Append(CultureInfo.InvariantCulture, $"{id},{name},{(i % 3 == 0 ? "SMB" : i % 3 == 1 ? "MidMarket" : "Enterprise")},Pro,{arr},{tail}\n");
        }

        if (footer)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Total: {rows} accounts,,,,,,,,,,,,,,,\nExported by the CRM\n");
        }

        return sb.ToString();
    }

    /// <summary>Text that cancels a run once <paramref name="after"/> characters have been read from it.</summary>
    private sealed class CancellingReader(string text, int after, CancellationTokenSource cancel) : StringReader(text)
    {
        private int read;

        public bool Cancelled => cancel.IsCancellationRequested;

        public override int Read(char[] buffer, int index, int count) => Count(base.Read(buffer, index, count));

        public override int Read(Span<char> buffer) => Count(base.Read(buffer));

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        private int Count(int n)
        {
            read += n;
            if (read >= after)
            {
                cancel.Cancel();
            }

            return n;
        }
    }
}
