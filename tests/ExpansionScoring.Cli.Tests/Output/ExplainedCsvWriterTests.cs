using System.Globalization;
using System.Text;
using ExpansionScoring.Bands;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Columnar;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary>
/// The default CSV written from the batch path (<see cref="ExplainedCsvWriter"/> fed by <see cref="CompactScoreRun"/>)
/// is byte for byte the CSV the row route writes (<see cref="ScoreRun"/>, <see cref="Explain"/> per account and
/// <see cref="CsvResultWriter"/>): on seeded random books with missing fields, odd names and plans, rejected rows and
/// spellings only the full parser reads, under several models (presets, per-segment presets, a points rubric, bands,
/// windows, gates and offer rules of their own with every rationale placeholder).
/// </summary>
public sealed class ExplainedCsvWriterTests
{
    private const string Header = "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,seat_saturation,days_to_renewal,renewal_date,health_score,open_p1_p2_tickets,contract_start_date";

    private static readonly string[] Names = ["", "  ", "Acme", "Comma, Inc", "=HYPERLINK(1)", "-minus", "Müller Präzision GmbH", "say \"hi\"", "Line\nBreak", "\u00A0", "@at", "+plus", "tab\tinside", "\tleading tab", "\rcarriage", "trailing line\n", " \u00A0 "];

    private static readonly string[] Plans = ["", "Starter", "Growth", "Pro", "Enterprise", "pro", "Custom", "=Plan", "Plan, with comma", "\tPro", "Growth\n", "\u00A0", "\"\u00A0\""];

    private static readonly string[] Segments = ["", "SMB", "MidMarket", "Enterprise", "smb", "mid-market", "Mid-Market"];

    public static TheoryData<string, int> Models => new()
    {
        { "default", 1 },
        { "default", 2 },
        { "enterprise", 3 },
        { "segments", 4 },
        { "custom", 5 },
        { "custom", 6 },
        { "points", 7 },
        { "zero", 8 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void BatchRoute_RandomBook_WritesTheRowRoutesBytes(string modelName, int seed)
    {
        var model = ScoringModel.Create(Options(modelName));
        Assert.NotEqual(ScoringPath.General, model.BatchPath); // the route under test is the batch path
        using var temp = Temp();
        string book = temp.Write("book.csv", RandomBook(new Random(seed), 3000));

        string rows = RowRoute(model, book);
        string batch = BatchRoute(model, book, toStream: seed % 2 == 0);

        Assert.True(rows.Split('\n').Length > 2500, "most rows are scored");
        AssertSameLines(rows, batch);
    }

    [Fact]
    public void BatchRoute_ChunksOfManyAccounts_WritesTheRowRoutesBytes()
    {
        // More accounts than one chunk holds, so chunks are scored, written and reused while the next is read.
        var model = ScoringModel.Create(Options("custom"));
        using var temp = Temp();
        string book = temp.Write("book.csv", RandomBook(new Random(11), 20_000));
        AssertSameLines(RowRoute(model, book), BatchRoute(model, book, toStream: true));
    }

    private static void AssertSameLines(string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        // Name the first record that differs.
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            Assert.True(e[i] == a[i], $"line {i + 1} differs:\nrow route:   {e[i]}\nbatch route: {a[i]}");
        }

        Assert.Equal(e.Length, a.Length);
    }

    /// <summary>Today's writer: every row parsed into an <see cref="Account"/>, explained by the general engine and written by <see cref="CsvResultWriter"/>.</summary>
    private static string RowRoute(ScoringModel model, string path)
    {
        var (source, parser) = Open(model, path);
        using (source)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            using var writer = new CsvResultWriter(text, AsOf, model.Signals);
            var run = new ScoreRun(parser, model, AsOf, null, writer, _ => { }, false, null, false);
            run.Execute(source, (_, _) => { }, CancellationToken.None);
            writer.Complete(new RunSummary(run.Rows, run.Scored, run.Rejected, AsOf, "p"), []);
            return text.ToString();
        }
    }

    /// <summary>The batch route: chunks of columns scored by the batch path, explained as they are written.</summary>
    private static string BatchRoute(ScoringModel model, string path, bool toStream)
    {
        var (source, parser) = Open(model, path);
        using (source)
        {
            var bytes = new MemoryStream();
            var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            using (var writer = new ExplainedCsvWriter(toStream ? new CsvResultWriter(bytes, AsOf, model.Signals) : new CsvResultWriter(text, AsOf, model.Signals), model, AsOf))
            {
                var run = new CompactScoreRun(parser, model, AsOf, writer, _ => { }, false);
                run.Execute(source, (_, _) => { }, CancellationToken.None);
                Assert.Equal(ScoringPath.Kernel, run.Path);
            }

            return toStream ? Encoding.UTF8.GetString(bytes.ToArray()) : text.ToString();
        }
    }

    private static (IAccountSource Source, AccountRowParser Parser) Open(ScoringModel model, string path)
    {
        var settings = InputSetup.Settings(InputRequest.None, null);
        var schema = new InputSchema(model.Signals.Skip(5).Select(s => s.Name));
        var source = AccountSources.Open(path, TextReader.Null, schema, settings, _ => { });
        var parser = new AccountRowParser(schema, source.FieldNames, InputSetup.Values(settings), (source as CsvAccountSource)?.Map.ColumnOfField);
        return (source, parser);
    }

    private static ExpansionScoringOptions Options(string name)
    {
        var options = new ExpansionScoringOptions();
        switch (name)
        {
            case "enterprise":
                options.Preset = "Enterprise";
                break;
            case "segments":
                options.SegmentPresets = new() { [Segment.SMB] = "SmbSeatHeavy", [Segment.Enterprise] = "Enterprise" };
                options.Gates = new GateOptions { HealthEnabled = false, MaxOpenP1P2Tickets = 1 };
                break;
            case "custom":
                options.Preset = "ProductLed";
                options.Bands = [new() { Name = "Hot, really", MinProbability = 70 }, new() { Name = "=Warm", MinProbability = 45 }, new() { Name = "Cold", MinProbability = 0 }];
                options.Windows = new WindowOptions { NowBands = ["Hot, really"], NowMinTriggers = 55.5, Next30RenewalBands = ["=Warm"], Next30MaxDaysToRenewal = 90, Next60Bands = ["Cold"] };
                options.Gates = new GateOptions { MinHealthScore = 42.5, MaxOpenP1P2Tickets = 2, MinTenureMonths = 14 };
                options.Offers = new OfferOptions
                {
                    PlanLadder = ["Starter", "Growth", "Pro", "Enterprise"],
                    Multipliers = new() { [OfferKind.Seats] = 0.3 },
                    SeatsTargetUtilization = 0.8,
                    Rules =
                    [
                        new() { Name = "Everything", Offer = OfferKind.Tier, Segments = [Segment.Enterprise], Conditions = [new() { Field = "Engagement", Operator = ComparisonOperator.Above, Value = 60 }],
                            Rationale = "{Name} on {Plan} → {NextPlan}: {SeatsToAdd} seats, ARR {Arr}, saturation {SeatSaturation}, renewal {DaysToRenewal}, {Probability}/{Composite}, {Champion} {Unknown} {a{b} {" },
                        new() { Name = "Listed", Offer = OfferKind.Seats, Conditions = [new() { Field = "SeatSaturation", Operator = ComparisonOperator.AtLeast, Value = 0.7 }, new() { Field = "Arr", Operator = ComparisonOperator.AtMost, Value = 250_000 }] },
                        new() { Name = "Renewing", Offer = OfferKind.MultiYear, Conditions = [new() { Field = "DaysToRenewal", Operator = ComparisonOperator.Below, Value = 120 }, new() { Field = "Triggers", Operator = ComparisonOperator.AtLeast, Value = 10 }] },
                        new() { Name = "AddOn", Offer = OfferKind.AddOn, Conditions = [new() { Field = "Velocity", Operator = ComparisonOperator.AtLeast, Value = 50 }], Rationale = "velocity {Velocity}" },
                        new() { Name = "Rest", Offer = OfferKind.Tier },
                    ],
                };
                break;
            case "points":
                options.Aggregation = AggregationKind.PointsSum;
                options.MaxPoints = 250;
                options.Weights = new() { ["PlanFit"] = 1, ["Velocity"] = 0.5, ["Engagement"] = 0.75, ["Champion"] = 0, ["Triggers"] = 1.25 };
                options.BandBasis = BandBasis.Score;
                options.Bands = [new() { Name = "A", MinProbability = 150 }, new() { Name = "B", MinProbability = 60 }, new() { Name = "C", MinProbability = 0 }];
                break;
            case "zero":
                options.MissingSignals = MissingSignalPolicy.TreatAsZero;
                options.Offers = new OfferOptions { SeatSaturationFromPlanFit = false };
                break;
        }

        return options;
    }

    private static string RandomBook(Random r, int rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            string id = r.Next(40) switch
            {
                0 => $"\"=id{i}\"",
                1 => $"\"id, {i}\"",
                2 => $" café-{i} ",
                3 => $"dup{i % 7}", // later duplicates are rejected
                4 => $"\"\u001Fsep{i}\"",
                _ => $"acct-{i}",
            };
            string Number(double max, int blankOdds) => r.Next(blankOdds) == 0 ? string.Empty : (Math.Round(r.NextDouble() * max, r.Next(3))).ToString(CultureInfo.InvariantCulture);
            string Pick(string[] values) => values[r.Next(values.Length)] is var v && (v.Contains(',') || v.Contains('"') || v.Contains('\n') || v.Contains('\t') || v.Contains('\r') || v.StartsWith(' ')) ? $"\"{v.Replace("\"", "\"\"")}\"" : v;
            string arr = r.Next(60) switch
            {
                0 => "abc",            // rejected
                1 => "\"$1,250.50\"",  // only the full parser reads it
                2 => "0",
                _ => Number(400_000, 1_000_000),
            };
            string signal = r.Next(80) == 0 ? "101" : Number(100, 4); // 101 is rejected
            int purchased = r.Next(200);
            csv.Append(string.Join(',',
                id,
                Pick(Names),
                Segments[r.Next(Segments.Length)],
                Pick(Plans),
                arr,
                Number(100, 4),
                signal,
                Number(100, 5),
                Number(100, 4),
                r.Next(10) == 0 ? "100" : Number(100, 3),
                r.Next(3) == 0 ? string.Empty : purchased.ToString(CultureInfo.InvariantCulture),
                r.Next(3) == 0 ? string.Empty : r.Next(purchased + 40).ToString(CultureInfo.InvariantCulture),
                r.Next(8) == 0 ? Number(1.3, 1_000_000) : string.Empty,
                r.Next(3) == 0 ? (r.Next(400) - 30).ToString(CultureInfo.InvariantCulture) : string.Empty,
                r.Next(3) == 0 ? AsOf.AddDays(r.Next(500) - 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty,
                Number(100, 3),
                r.Next(3) == 0 ? string.Empty : r.Next(4).ToString(CultureInfo.InvariantCulture),
                r.Next(3) == 0 ? string.Empty : AsOf.AddDays(-r.Next(3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append('\n');
        }

        return csv.ToString();
    }
}
