using System.Net;
using System.Text.Json;
using ExpansionScoring.Cli.Reports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>Any name, however hostile, is text on the page: escaped in the markup, escaped in the board's JSON, and read back unchanged.</summary>
public class BoardEscapingTests
{
    private static readonly string[] Pieces = ["</script>", "<script>", "<svg onload=alert(1)>", "<!--", "-->", "\"", "'", "&amp;", "&", "<", ">", "`${x}`", "\\u003C", "\u2028", "é", "→", "Acme", " ", "\n"];

    [Property(MaxTest = 60, Arbitrary = [typeof(Arbitraries)])]
    public void Write_AnyName_IsEscapedInMarkupAndJsonAndRoundTrips(HostileName hostile)
    {
        string name = hostile.Value;
        var model = ScoringModel.Default;
        var account = new Account { Id = "x-" + name.Length, Name = name, Plan = name, Arr = 50_000, Signals = Signals.SignalValues.Of(90, 90, 80, 70, 70), HealthScore = 40 };
        var board = new BoardData(model, CliHarness.AsOf);
        var accumulator = new PortfolioAccumulator(model, CliHarness.AsOf, new PortfolioOptions { IncludeHeatmap = true });
        board.Add(account);
        accumulator.Add(account);
        using var writer = new StringWriter();
        PortfolioHtml.Write(writer, new PortfolioReport(accumulator.ToPortfolio(), name, "Expansion", "MidMarketBalanced", 1, 0, Board: board), 400);
        string html = writer.ToString();

        string strings = Between(html, "id=\"board-strings\">", "</script>");
        string data = Between(html, "id=\"board-data\">", "</script>");
        foreach (string json in new[] { strings, data })
        {
            Assert.DoesNotContain("<", json, StringComparison.Ordinal);
            Assert.DoesNotContain(">", json, StringComparison.Ordinal);
            Assert.DoesNotContain("&", json, StringComparison.Ordinal);
        }

        var table = JsonSerializer.Deserialize<string[]>(strings)!;
        using var rows = JsonDocument.Parse(data);
        Assert.Equal(name, table[rows.RootElement[0][1].GetInt32()]);
        Assert.Equal(4, html.Split("<script", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);

        Assert.Contains(WebUtility.HtmlEncode(name), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KeptColumns_TheirNamesAndEachAccountsValuesAreInTheDataEscaped()
    {
        var model = ScoringModel.Default;
        var board = new BoardData(model, CliHarness.AsOf, keptColumns: ["Company owner", "<Region>"]);
        var accumulator = new PortfolioAccumulator(model, CliHarness.AsOf, new PortfolioOptions { IncludeHeatmap = true });
        var first = new Account { Id = "a1", Name = "Alpha", Arr = 50_000, Signals = Signals.SignalValues.Of(90, 90, 80, 70, 70), HealthScore = 80 };
        var second = new Account { Id = "a2", Name = "Bravo", Arr = 20_000, Signals = Signals.SignalValues.Of(40, 40, 40, 40, 40), HealthScore = 80 };
        board.Add(first, ["</script><svg onload=alert(1)> Dana", "West"]);
        board.Add(second, [null]);
        accumulator.Add(first);
        accumulator.Add(second);
        using var writer = new StringWriter();
        PortfolioHtml.Write(writer, new PortfolioReport(accumulator.ToPortfolio(), "book.csv", "Expansion", "MidMarketBalanced", 2, 0, Board: board), 400);
        string html = writer.ToString();

        string meta = Between(html, "id=\"board-meta\">", "</script>");
        string strings = Between(html, "id=\"board-strings\">", "</script>");
        string data = Between(html, "id=\"board-data\">", "</script>");
        foreach (string json in new[] { meta, strings, data })
        {
            Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        }

        using var metaJson = JsonDocument.Parse(meta);
        Assert.Equal(["Company owner", "<Region>"], metaJson.RootElement.GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
        var table = JsonSerializer.Deserialize<string[]>(strings)!;
        using var rows = JsonDocument.Parse(data);
        IEnumerable<string?> Kept(int row)
        {
            var cells = rows.RootElement[row];
            return [.. cells[cells.GetArrayLength() - 1].EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : table[e.GetInt32()])];
        }

        Assert.Equal((IEnumerable<string?>)["</script><svg onload=alert(1)> Dana", "West"], Kept(0));
        Assert.Equal((IEnumerable<string?>)[null, null], Kept(1));
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    public sealed record HostileName(string Value)
    {
        public override string ToString() => JsonSerializer.Serialize(Value);
    }

    public static class Arbitraries
    {
        public static Arbitrary<HostileName> Name() =>
            Gen.ListOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts).Trim()).Where(n => n.Length > 0).Select(n => new HostileName(n)).ToArbitrary();
    }
}
