using System.Globalization;
using System.Text;
using ExpansionScoring.Signals;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>
/// The tool's full path, its <c>--compact</c> path and the library scoring the same accounts agree on every account
/// of books whose fields go missing at random: blank segments, seats, renewals, gate inputs and signals, and books
/// without a segment (or any gate) column at all. A missing segment is Mid-Market everywhere (SPEC §3).
/// </summary>
public sealed class MissingFieldsAgreementTests
{
    private static readonly string[] Fields = ["account_id", "segment", "arr", "plan_fit", "velocity", "engagement", "champion", "triggers", "seats_purchased", "seats_active", "days_to_renewal", "health_score", "open_p1_p2_tickets", "contract_start_date"];

    [Theory]
    [InlineData(1, "")]
    [InlineData(2, "segment")]
    [InlineData(3, "segment,health_score,open_p1_p2_tickets,contract_start_date")]
    [InlineData(4, "seats_purchased,seats_active,days_to_renewal")]
    public async Task Score_RandomBookWithMissingFields_FullCompactAndLibraryAgree(int seed, string leftOut)
    {
        var columns = Fields.Where(f => !leftOut.Split(',').Contains(f)).ToArray();
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 400).Select(i => RandomRow(random, i, columns)).ToList();
        var csv = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', columns.Select(c => row.GetValueOrDefault(c, string.Empty)))).Append('\n');
        }

        using var temp = Temp();
        string input = temp.Write("book.csv", csv.ToString());
        var full = await RunAsync("score", input, "--as-of", AsOfText, "--quiet");
        var compact = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet");
        Assert.Equal(0, full.ExitCode);
        Assert.Equal(0, compact.ExitCode);
        var fullRows = full.CsvRows();
        var compactRows = compact.CsvRows();
        Assert.Equal(rows.Count, fullRows.Count);
        Assert.Equal(rows.Count, compactRows.Count);

        var model = ScoringModel.Default;
        for (int i = 0; i < rows.Count; i++)
        {
            var expected = model.Score(ToAccount(rows[i]), AsOf);
            foreach (var (actual, path) in new[] { (fullRows[i], "full"), (compactRows[i], "compact") })
            {
                string where = $"{path}, row {i} ({string.Join(",", rows[i].Select(p => $"{p.Key}={p.Value}"))})";
                Assert.True(expected.Account.Id == actual["account_id"], where);
                Assert.True(expected.Account.Segment.ToString() == actual["segment"], $"{where}: segment {actual["segment"]}");
                Assert.True(expected.Band.Name == actual["band"], $"{where}: band {actual["band"]}, library {expected.Band.Name}");
                Assert.True(expected.Offer.ToString() == actual["offer"], $"{where}: offer {actual["offer"]}, library {expected.Offer}");
                Assert.True((expected.OfferRule ?? string.Empty) == actual["offer_rule"], $"{where}: rule {actual["offer_rule"]}, library {expected.OfferRule}");
                Assert.True(expected.Window.ToString() == actual["window"], $"{where}: window {actual["window"]}, library {expected.Window}");
                Assert.True(expected.Confidence.ToString() == actual["confidence"], $"{where}: confidence {actual["confidence"]}, library {expected.Confidence}");
                Close(expected.Composite, actual["composite"], where + ", composite");
                Close(expected.Probability, actual["probability"], where + ", probability");
                Close(expected.Opportunity, actual["opportunity"], where + ", opportunity");
            }
        }
    }

    private static void Close(double expected, string actual, string where)
    {
        // The tool writes scores to two decimals, truncated so no band threshold is crossed, and money to cents:
        // within a cent is what a reader sees.
        double value = double.Parse(actual, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(expected - value) < 0.01 + (1e-9 * Math.Abs(expected)), $"{where}: tool {actual}, library {expected:R}");
    }

    private static Dictionary<string, string> RandomRow(Random random, int i, string[] columns)
    {
        string Maybe(Func<string> value) => random.Next(3) == 0 ? string.Empty : value();
        string Signal() => Maybe(() => (random.Next(0, 10_001) / 100.0).ToString(CultureInfo.InvariantCulture));
        var row = new Dictionary<string, string>
        {
            ["account_id"] = $"a{i}",
            ["segment"] = Maybe(() => random.GetItems<string>(["SMB", "MidMarket", "Enterprise"], 1)[0]),
            ["arr"] = random.Next(0, 500_000).ToString(CultureInfo.InvariantCulture),
            ["plan_fit"] = Signal(),
            ["velocity"] = Signal(),
            ["engagement"] = Signal(),
            ["champion"] = Signal(),
            ["triggers"] = Signal(),
            ["days_to_renewal"] = Maybe(() => random.Next(-30, 400).ToString(CultureInfo.InvariantCulture)),
            ["health_score"] = Maybe(() => (random.Next(0, 1001) / 10.0).ToString(CultureInfo.InvariantCulture)),
            ["open_p1_p2_tickets"] = Maybe(() => random.Next(0, 4).ToString(CultureInfo.InvariantCulture)),
            ["contract_start_date"] = Maybe(() => AsOf.AddDays(-random.Next(0, 900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        if (random.Next(3) != 0)
        {
            row["seats_purchased"] = random.Next(1, 500).ToString(CultureInfo.InvariantCulture);
            row["seats_active"] = random.Next(0, 600).ToString(CultureInfo.InvariantCulture);
        }

        return row.Where(p => columns.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>The row as a caller of the library would build it: absent fields are left unset.</summary>
    private static Account ToAccount(Dictionary<string, string> row)
    {
        double? Number(string field) => row.TryGetValue(field, out string? text) && text.Length > 0 ? double.Parse(text, CultureInfo.InvariantCulture) : null;
        int? Whole(string field) => Number(field) is { } v ? (int)v : null;
        var account = new Account
        {
            Id = row["account_id"],
            Arr = Number("arr")!.Value,
            Signals = SignalValues.Of(Number("plan_fit"), Number("velocity"), Number("engagement"), Number("champion"), Number("triggers")),
            SeatsPurchased = Whole("seats_purchased"),
            SeatsActive = Whole("seats_active"),
            DaysToRenewal = Whole("days_to_renewal"),
            HealthScore = Number("health_score"),
            OpenP1P2Tickets = Whole("open_p1_p2_tickets"),
            ContractStartDate = row.TryGetValue("contract_start_date", out string? start) && start.Length > 0 ? DateOnly.Parse(start, CultureInfo.InvariantCulture) : null,
        };
        return row.TryGetValue("segment", out string? segment) && segment.Length > 0 ? account with { Segment = Enum.Parse<Segment>(segment) } : account;
    }
}
