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
