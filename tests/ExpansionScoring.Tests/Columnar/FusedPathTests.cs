using ExpansionScoring.Bands;
using ExpansionScoring.Columnar;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Columnar;

/// <summary>
/// The fused columnar kernel against the general engine: for every account the same band, offer rule, offer,
/// window, gates and missing-signal count, and the same composite, probability and dollars, on every vector width,
/// under random models built only from built-in pieces; and the fallback for models that are not.
/// </summary>
public sealed class FusedPathTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    public static TheoryData<string> Widths => new() { "256", "128", "1" };

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 150)]
    public void ScoreBatch_RandomModelAndBook_EqualsGeneralEngineOnEveryWidth(FusedCase c)
    {
        var model = c.Build();
        Assert.Null(model.BatchPathFallbackReason);
        var book = new ColumnarBook(c.Book, AsOf);
        foreach (string width in (string[])["256", "128", "1"])
        {
            var results = new ResultArrays(book.Count);
            var summary = RunWidth(model, book, results, width);
            AssertEqualsGeneral(model, book, results, summary, width);
        }
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 150)]
    public void ScoreRow_RandomModelAndAccount_EqualsGeneralEngine(FusedCase c)
    {
        var model = c.Build();
        var book = new ColumnarBook(c.Book, AsOf);
        for (int i = 0; i < book.Count; i++)
        {
            var expected = model.Score(c.Book[i], AsOf);
            AssertRowPathsSame(model, book.Row(i), expected, $"row {i}");
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(1_024)]
    [InlineData(2_500)]
    public void ScoreBatch_ResultColumnsStartingAnywhereInACacheLine_SameResultsAndNoStrayStores(int count)
    {
        // Result columns may start anywhere in a cache line: every start offset on the 128-bit path, with the 256-bit
        // path on aligned arrays as reference, and guard values showing no store strays outside a column.
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), count).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        var model = ScoringModel.Default;
        var expected = new ResultArrays(count);
        model.ScoreBatchOn(LaneWidth.Four, book.Columns, AsOf, expected.Columns);
        for (int offset = 0; offset < 8; offset++)
        {
            // Guard values either side of each column show a stray store.
            var composite = Guarded(count, offset);
            var probability = Guarded(count, offset);
            var opportunity = Guarded(count, offset);
            var outcome = new ScoreOutcome[count + 16];
            var results = new ScoreColumns
            {
                Composite = composite.AsSpan(offset, count),
                Probability = probability.AsSpan(offset, count),
                Opportunity = opportunity.AsSpan(offset, count),
                Outcome = outcome.AsSpan(offset, count),
            };
            model.ScoreBatchOn(LaneWidth.Two, book.Columns, AsOf, results);
            Assert.Equal(expected.Composite, composite.AsSpan(offset, count).ToArray());
            Assert.Equal(expected.Probability, probability.AsSpan(offset, count).ToArray());
            Assert.Equal(expected.Opportunity, opportunity.AsSpan(offset, count).ToArray());
            Assert.Equal(expected.Outcome, outcome.AsSpan(offset, count).ToArray());
            foreach (double[] column in new[] { composite, probability, opportunity })
            {
                Assert.All(column.AsSpan(0, offset).ToArray(), v => Assert.Equal(-7, v));
                Assert.All(column.AsSpan(offset + count).ToArray(), v => Assert.Equal(-7, v));
            }

            Assert.All(outcome.AsSpan(offset + count).ToArray(), o => Assert.Equal(default, o));
        }

        static double[] Guarded(int count, int offset)
        {
            var column = new double[count + 16];
            column.AsSpan().Fill(-7);
            return column;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ScoreRowAndBatch_FewerBandsThanTheFourUnrolledThresholds_EnginesResults(int count)
    {
        // The missing thresholds must never be reached: with −∞ there every account fell below the lowest band.
        var bands = Enumerable.Range(0, count).Select(b => new BandOptions { Name = $"B{b}", MinProbability = 70 - (b * 25) }).ToList();
        bands[^1].MinProbability = 0;
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Bands = bands,
            Windows = new WindowOptions { NowBands = ["B0"], Next30Bands = [], Next30RenewalBands = [], Next60Bands = [bands[^1].Name] },
        });
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 1_000).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        for (int i = 0; i < book.Count; i++)
        {
            AssertRowPathsSame(model, book.Row(i), model.Score(accounts[i], AsOf), $"row {i}");
        }

        foreach (string width in new[] { "256", "128", "1" })
        {
            var results = new ResultArrays(book.Count);
            AssertEqualsGeneral(model, book, results, RunWidth(model, book, results, width), width);
        }
    }

    [Fact]
    public void ScoreRowAndBatch_TwelveBands_EnginesResults()
    {
        // More bands than the window pass's four unrolled memberships: the rest are selected one by one.
        var bands = Enumerable.Range(0, 12).Select(b => new BandOptions { Name = $"B{b}", MinProbability = 90 - (b * 8) }).ToList();
        bands[^1].MinProbability = 0;
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Bands = bands,
            Windows = new WindowOptions { NowBands = ["B0"], Next30Bands = ["B1"], Next30RenewalBands = ["B2"], Next60Bands = ["B3"] },
        });
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 1_000).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        for (int i = 0; i < book.Count; i++)
        {
            AssertRowPathsSame(model, book.Row(i), model.Score(accounts[i], AsOf), $"row {i}");
        }

        var results = new ResultArrays(book.Count);
        AssertEqualsGeneral(model, book, results, RunWidth(model, book, results, "256"), "256");
    }

    [Fact]
    public void ScoreRow_JustWrittenRowOnTheStack_EqualsGeneralEngine()
    {
        // The way a caller usually scores one account: the row built field by field on the stack just before the call.
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 500).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        var model = ScoringModel.Default;
        for (int i = 0; i < accounts.Length; i++)
        {
            var r = book.Row(i);
            var score = model.ScoreRow(
                new AccountRow
                {
                    Segment = r.Segment, PlanFit = r.PlanFit, Velocity = r.Velocity, Engagement = r.Engagement, Champion = r.Champion,
                    Triggers = r.Triggers, Arr = r.Arr, SeatSaturation = r.SeatSaturation, DaysToRenewal = r.DaysToRenewal,
                    HealthScore = r.HealthScore, OpenP1P2Tickets = r.OpenP1P2Tickets, ContractStart = r.ContractStart,
                },
                AsOf);
            AssertSame(model, model.Score(accounts[i], AsOf), score.Composite, score.Probability, score.Opportunity, score.Outcome, accounts[i].Id);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ScoreBatch_EveryRuleBoundary_EqualsGeneralEngine(string width)
    {
        // Every threshold of SPEC §5–§8 with its neighbours one step either side, in every segment.
        double[] signal = [0, 24.999999, 25, 40, 49.99, 50, 59.999999999, 60, 60.000000001, 69.999999, 70, 74.9999999, 75, 75.0000001, 79.999999, 80, 100];
        double[] seats = [double.NaN, 0.849999999, 0.85, 0.85000001, 1.2];
        double[] days = [double.NaN, -1, 59, 60, 61, 89, 90, 91];
        var accounts = new List<Account>();
        int id = 0;
        foreach (var segment in Enum.GetValues<Segment>())
        {
            foreach (double v in signal)
            {
                foreach (double s in seats)
                {
                    foreach (double d in days)
                    {
                        accounts.Add(new Account
                        {
                            Id = $"b{id++}",
                            Segment = segment,
                            Arr = 96_000,
                            Signals = SignalValues.Of(v, v, 100 - v, v, (v + 30) % 100),
                            SeatSaturation = double.IsNaN(s) ? null : s,
                            DaysToRenewal = double.IsNaN(d) ? null : (int)d,
                            HealthScore = id % 7 == 0 ? 59.9 : id % 5 == 0 ? null : 60,
                            OpenP1P2Tickets = id % 11 == 0 ? 1 : 0,
                            ContractStartDate = AsOf.AddMonths(-6).AddDays((id % 3) - 1),
                        });
                    }
                }
            }
        }

        // Composites that land the probability exactly on 25, 40, 50 and 75 (and a hair either side).
        foreach (double composite in new[] { 22.2222222222222, 38.8888888888889, 50d / 0.9 * 0.9, 44.4444444444444, 77.7777777777778, 77.77777777, 77.7777778 })
        {
            accounts.Add(TestData.Account(composite, composite, composite, composite, composite, id: $"c{id++}"));
        }

        var model = ScoringModel.Default;
        var book = new ColumnarBook(accounts, AsOf);
        var results = new ResultArrays(book.Count);
        var summary = RunWidth(model, book, results, width);
        AssertEqualsGeneral(model, book, results, summary, width);
        if (width == "1")
        {
            for (int i = 0; i < book.Count; i++)
            {
                AssertRowPathsSame(model, book.Row(i), model.Score(accounts[i], AsOf), accounts[i].Id);
            }
        }
    }

    [Fact]
    public void ScoreBatch_MoreRulesThanOnePermuteHolds_EqualsGeneralEngineOnEveryWidth()
    {
        // Ten rules and "no rule": eleven entries in the rule tables every width gathers from.
        // Each extra rule fires on a slice of one signal, ahead of the SPEC's, with its own offer and multiplier.
        var rules = DefaultOfferRules.Create();
        string[] fields = ["PlanFit", "Velocity", "Engagement", "Champion"];
        OfferKind[] offers = [OfferKind.Seats, OfferKind.MultiYear, OfferKind.AddOn, OfferKind.Tier];
        for (int r = 0; r < 4; r++)
        {
            rules.Insert(r, new OfferRuleOptions
            {
                Name = $"Slice{r}",
                Offer = offers[r],
                Segments = r == 2 ? [Segment.SMB] : null,
                Conditions =
                [
                    new() { Field = fields[r], Operator = ComparisonOperator.AtLeast, Value = 90 - (5 * r) },
                    new() { Field = "Arr", Operator = ComparisonOperator.Below, Value = 150_000 * (r + 1) },
                ],
            });
        }

        // Drop the fallback: accounts that fire nothing take "no rule", the table's last entry.
        rules.RemoveAt(rules.Count - 1);
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Rules = rules } });
        Assert.Equal(9, model.OfferRules.Count);
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 3_000).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        var fired = new HashSet<int>();
        foreach (string width in (string[])["256", "128", "1"])
        {
            var results = new ResultArrays(book.Count);
            AssertEqualsGeneral(model, book, results, RunWidth(model, book, results, width), width);
            fired.UnionWith(results.Outcome.Select(o => o.OfferRuleIndex));
        }

        // Every rule and "no rule" fired somewhere, so every table entry was looked up.
        Assert.Equal([-1, .. Enumerable.Range(0, 9)], fired.Order());
    }

    [Fact]
    public void ScoreBatchAndScoreRow_RulesWithManyConditions_EqualGeneralEngine()
    {
        // Eleven conditions in all (more than the single-row path's eight-lane table), one rule with three.
        var rules = DefaultOfferRules.Create();
        rules.Insert(0, new OfferRuleOptions
        {
            Name = "BigAndBusy",
            Offer = OfferKind.MultiYear,
            Segments = [Segment.MidMarket, Segment.Enterprise],
            Conditions =
            [
                new() { Field = "Arr", Operator = ComparisonOperator.Above, Value = 2_000_000 },
                new() { Field = "Engagement", Operator = ComparisonOperator.AtLeast, Value = 40 },
                new() { Field = "DaysToRenewal", Operator = ComparisonOperator.Below, Value = 200 },
            ],
        });
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Rules = rules } });
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 2_000).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        foreach (string width in (string[])["256", "128", "1"])
        {
            var results = new ResultArrays(book.Count);
            AssertEqualsGeneral(model, book, results, RunWidth(model, book, results, width), width);
        }

        for (int i = 0; i < book.Count; i++)
        {
            AssertRowPathsSame(model, book.Row(i), model.Score(accounts[i], AsOf), $"row {i}");
        }

        Assert.Contains(accounts.Select(a => model.Score(a, AsOf).OfferRule), r => r == "BigAndBusy");
    }

    [Fact]
    public void ScoreBatch_TenureCutoffAroundMonthEnds_EqualsAddMonths()
    {
        // Month-end clamping: Aug 29–31 plus six months all land on the last day of February.
        var accounts = new List<Account>();
        foreach (var asOf in new[] { new DateOnly(2026, 2, 28), new DateOnly(2028, 2, 29), new DateOnly(2026, 3, 31), new DateOnly(2026, 9, 30), new DateOnly(2026, 1, 1) })
        {
            accounts.Clear();
            for (int back = 150; back < 220; back++)
            {
                accounts.Add(TestData.Account(80, 80, 80, 80, 80, id: $"t{back}") with { ContractStartDate = asOf.AddDays(-back) });
            }

            var book = new ColumnarBook(accounts, asOf);
            var results = new ResultArrays(book.Count);
            ScoringModel.Default.ScoreBatch(book.Columns, asOf, results.Columns);
            for (int i = 0; i < accounts.Count; i++)
            {
                bool blocked = accounts[i].ContractStartDate!.Value.AddMonths(6) > asOf;
                Assert.Equal(blocked, results.Outcome[i].GatesBlocked.HasFlag(GateFlags.Tenure));
            }
        }
    }

    [Fact]
    public void ScoreBatch_DefaultModel_RunsOnTheWidestAcceleratedVectors()
    {
        var book = new ColumnarBook([TestData.Account(90, 80, 70, 60, 50)], AsOf);
        var summary = ScoringModel.Default.ScoreBatch(book.Columns, AsOf, default);
        Assert.Equal(ScoringModel.Default.BatchPath, summary.Path);
        Assert.NotEqual(ScoringPath.General, summary.Path);
        Assert.Equal(1, summary.Count);
    }

    [Fact]
    public void ScoreBatch_EmptyOptionalColumns_ReadAsMissing()
    {
        double[] arr = [96_000, 50_000];
        var results = new ResultArrays(2);
        var summary = ScoringModel.Default.ScoreBatch(new AccountColumns { Arr = arr }, AsOf, results.Columns);

        var expected = ScoringModel.Default.Score(new Account { Id = "a", Arr = 96_000 }, AsOf);
        Assert.Equal(expected.Probability, results.Probability[0]);
        Assert.Equal(5, results.Outcome[0].MissingSignalCount);
        Assert.Equal(GateFlags.Health | GateFlags.SupportTickets | GateFlags.Tenure, results.Outcome[0].GatesNotEvaluated);
        Assert.Equal(expected.Window, results.Outcome[0].Window);
        Assert.Equal(2, summary.ByBand[3].Count);
    }

    public static TheoryData<string, Action<ScoringModelBuilder>> Unsupported => new()
    {
        { "user-defined signal 'Nps'", b => b.AddSignalScorer(new ConstantScorer(SignalKey.Of("Nps"), 90)).Configure(o => o.Weights = new() { ["PlanFit"] = 1, ["Nps"] = 1 }) },
        { "'Velocity' has a user-defined scorer", b => b.AddSignalScorer(new ConstantScorer(SignalKey.Velocity, 100)) },
        { "offer rule 'Always' is written in code", b => b.AddOfferRule(new AlwaysRule(), 0) },
        { "probability transform", b => b.Configure(o => o.Probability.Transform = ProbabilityTransformKind.Logistic) },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void ScoreBatch_ModelWithUserDefinedPieces_FallsBackToGeneralEngineAndSaysWhy(string reason, Action<ScoringModelBuilder> configure)
    {
        var builder = new ScoringModelBuilder();
        configure(builder);
        var model = builder.Build();

        Assert.Equal(ScoringPath.General, model.BatchPath);
        Assert.Contains(reason, model.BatchPathFallbackReason, StringComparison.Ordinal);

        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 200).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        var results = new ResultArrays(book.Count);
        var summary = model.ScoreBatch(book.Columns, AsOf, results.Columns);
        Assert.Equal(ScoringPath.General, summary.Path);
        AssertEqualsGeneral(model, book, results, summary, "general");
        Assert.Equal(ScoringPath.General, model.ScoreRow(book.Row(0), AsOf).Path);
    }

    [Fact]
    public void ScoreBatch_InParallel_EqualsOneCore()
    {
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 70_000).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        var one = new ResultArrays(book.Count);
        var two = new ResultArrays(book.Count);
        var whole = ScoringModel.Default.ScoreBatch(book.Columns, AsOf, one.Columns);
        var split = ScoringModel.Default.ScoreBatch(book.Columns, AsOf, two.Columns, degreeOfParallelism: 4);

        Assert.Equal(one.Probability, two.Probability);
        Assert.Equal(one.Opportunity, two.Opportunity);
        Assert.Equal(one.Outcome, two.Outcome);
        Assert.Equal(whole.Count, split.Count);
        Assert.Equal(whole.GatedCount, split.GatedCount);
        for (int b = 0; b < whole.ByBand.Count; b++)
        {
            Assert.Equal(whole.ByBand[b].Count, split.ByBand[b].Count);
            TestData.Close(whole.ByBand[b].Opportunity, split.ByBand[b].Opportunity, 1e-12);
        }

        Assert.Equal(whole.Path, split.Path);
    }

    [Fact]
    public void ScoreBatch_EmptyBook_ReturnsAnEmptySummaryOnEveryPath()
    {
        var summary = ScoringModel.Default.ScoreBatch(default, AsOf, default, degreeOfParallelism: 2);
        Assert.Equal(0, summary.Count);
        Assert.Equal(0, summary.Opportunity);
        Assert.Equal(4, summary.ByBand.Count);
        Assert.Equal(4, summary.ByWindow.Count);

        var general = new ScoringModelBuilder().AddOfferRule(new AlwaysRule()).Build();
        Assert.Equal(0, general.ScoreBatch(default, AsOf, default).Count);
    }

    [Fact]
    public void ScoreBatch_ColumnOfWrongLength_NamesTheColumn()
    {
        double[] arr = [1, 2, 3];
        double[] two = [1, 2];
        var ex = Assert.Throws<ArgumentException>(() => ScoringModel.Default.ScoreBatch(new AccountColumns { Arr = arr, Velocity = two }, AsOf, default));
        Assert.Equal("Velocity", ex.ParamName);
        Assert.Contains("Velocity holds 2 values but Arr holds 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreBatch_ResultColumnTooShort_NamesTheColumn()
    {
        double[] arr = [1, 2, 3];
        var ex = Assert.Throws<ArgumentException>(() => ScoringModel.Default.ScoreBatch(new AccountColumns { Arr = arr }, AsOf, new ScoreColumns { Opportunity = new double[2] }));
        Assert.Equal("Opportunity", ex.ParamName);
    }

    [Fact]
    public void ScoreBatch_DegreeOfParallelismBelowOne_Throws()
    {
        double[] arr = [1];
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringModel.Default.ScoreBatch(new AccountColumns { Arr = arr }, AsOf, default, 0));
    }

    [Fact]
    public void ScoreBatchAndScoreRow_AllocateNothingPerAccount()
    {
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 4_096).Sample(1, 1).Single();
        var book = new ColumnarBook(accounts, AsOf);
        var results = new ResultArrays(book.Count);
        var model = ScoringModel.Default;
        model.ScoreBatch(book.Columns, AsOf, results.Columns);
        var row = book.Row(7);
        model.ScoreRow(row, AsOf);

        long before = GC.GetAllocatedBytesForCurrentThread();
        model.ScoreBatch(book.Columns, AsOf, results.Columns);
        long batch = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sum += model.ScoreRow(row, AsOf).Opportunity;
        }

        long rows = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(batch < 1_024, $"one batch of 4,096 allocated {batch} bytes (only the summary should)");
        Assert.Equal(0, rows);
        Assert.True(sum >= 0);
    }

    [Fact]
    public void ScoreOutcome_PacksEveryField()
    {
        var o = new ScoreOutcome(3, 5, OfferKind.MultiYear, PitchWindow.Next60Days, GateFlags.Health | GateFlags.Tenure, GateFlags.SupportTickets, 4);
        Assert.Equal(3, o.BandIndex);
        Assert.Equal(5, o.OfferRuleIndex);
        Assert.Equal(OfferKind.MultiYear, o.Offer);
        Assert.Equal(PitchWindow.Next60Days, o.Window);
        Assert.Equal(GateFlags.Health | GateFlags.Tenure, o.GatesBlocked);
        Assert.Equal(GateFlags.SupportTickets, o.GatesNotEvaluated);
        Assert.Equal(4, o.MissingSignalCount);
        Assert.Equal(Confidence.Low, o.Confidence);
        Assert.True(o.IsGated);
        Assert.Equal(-1, new ScoreOutcome(0, -1, OfferKind.Nurture, PitchWindow.Now, GateFlags.None, GateFlags.None, 0).OfferRuleIndex);
    }

    [Fact]
    public void BatchSummary_Merge_AddsBucketsAndRejectsOtherModels()
    {
        var book = new ColumnarBook(Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 500).Sample(1, 1).Single(), AsOf);
        var whole = ScoringModel.Default.ScoreBatch(book.Columns, AsOf, default);
        var left = ScoringModel.Default.ScoreBatch(book.Columns.Slice(0, 200), AsOf, default);
        var right = ScoringModel.Default.ScoreBatch(book.Columns.Slice(200, 300), AsOf, default);
        var merged = left.Merge(right);
        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.ByWindow.Select(w => w.Count), merged.ByWindow.Select(w => w.Count));
        TestData.Close(whole.Opportunity, merged.Opportunity, 1e-12);

        var threeBands = ScoringModel.Create(new ExpansionScoringOptions { Bands = [new() { Name = "A", MinProbability = 60 }, new() { Name = "B", MinProbability = 30 }, new() { Name = "C", MinProbability = 0 }] });
        var other = threeBands.ScoreBatch(book.Columns, AsOf, default);
        Assert.Throws<ArgumentException>(() => whole.Merge(other));
        Assert.Throws<ArgumentNullException>(() => whole.Merge(null!));
    }

    /// <summary>The single-row path (the kernel on a one-account book) gives the engine's result.</summary>
    internal static void AssertRowPathsSame(ScoringModel model, in AccountRow row, in AccountScore expected, string label)
    {
        var score = model.ScoreRow(row, AsOf);
        Assert.Equal(ScoringPath.Kernel, score.Path);
        AssertSame(model, expected, score.Composite, score.Probability, score.Opportunity, score.Outcome, $"{label} (ScoreRow)");
    }

    internal static BatchSummary RunWidth(ScoringModel model, ColumnarBook book, ResultArrays results, string width)
    {
        if (width == "model")
        {
            return model.ScoreBatch(book.Columns, AsOf, results.Columns);
        }

        // Each width runs whatever the hardware: on a machine without the instructions the JIT emulates them, so
        // the kernel is checked at every width on every machine.
        var path = width switch
        {
            "256" => LaneWidth.Four,
            "128" => LaneWidth.Two,
            _ => LaneWidth.One,
        };
        return model.ScoreBatchOn(path, book.Columns, AsOf, results.Columns);
    }

    internal static void AssertEqualsGeneral(ScoringModel model, ColumnarBook book, ResultArrays results, BatchSummary summary, string label)
    {
        var byBand = new long[model.Bands.Count];
        var byWindow = new long[4];
        double opportunity = 0, arr = 0;
        long gated = 0;
        for (int i = 0; i < book.Count; i++)
        {
            var expected = model.Score(book.Accounts[i], AsOf);
            AssertSame(model, expected, results.Composite[i], results.Probability[i], results.Opportunity[i], results.Outcome[i], $"{label}, account {i}");
            byBand[expected.BandIndex]++;
            byWindow[(int)expected.Window]++;
            opportunity += expected.Opportunity;
            arr += book.Accounts[i].Arr;
            gated += expected.IsGated ? 1 : 0;
        }

        Assert.Equal(byBand, summary.ByBand.Select(b => b.Count));
        Assert.Equal(byWindow, summary.ByWindow.Select(b => b.Count));
        Assert.Equal(gated, summary.GatedCount);
        TestData.Close(opportunity, summary.Opportunity, 1e-12);
        TestData.Close(arr, summary.Arr, 1e-12);
    }

    internal static void AssertSame(ScoringModel model, AccountScore expected, double composite, double probability, double opportunity, ScoreOutcome outcome, string where)
    {
        Assert.True(expected.BandIndex == outcome.BandIndex, $"{where}: band {outcome.BandIndex}, engine {expected.BandIndex} (probability {expected.Probability:R} vs {probability:R}, composite {expected.Composite:R} vs {composite:R}; {outcome}; {expected.Account})");
        Assert.True(expected.Offer == outcome.Offer, $"{where}: offer {outcome.Offer}, engine {expected.Offer}");
        string? rule = outcome.OfferRuleIndex < 0 ? null : model.OfferRules[outcome.OfferRuleIndex];
        Assert.True(expected.OfferRule == rule, $"{where}: rule {rule}, engine {expected.OfferRule}");
        Assert.True(expected.Window == outcome.Window, $"{where}: window {outcome.Window}, engine {expected.Window}");
        Assert.Equal(expected.GatesBlocked, outcome.GatesBlocked);
        Assert.Equal(expected.GatesNotEvaluated, outcome.GatesNotEvaluated);
        Assert.Equal(expected.MissingSignalCount, outcome.MissingSignalCount);
        Assert.Equal(expected.Confidence, outcome.Confidence);
        Assert.True(Math.Abs(expected.Composite - composite) <= 1e-9, $"{where}: composite {composite:R}, engine {expected.Composite:R}");
        Assert.True(Math.Abs(expected.Probability - probability) <= 1e-9, $"{where}: probability {probability:R}, engine {expected.Probability:R}");
        Assert.True(Math.Abs(expected.Opportunity - opportunity) <= 1e-9 * Math.Max(1, expected.Opportunity), $"{where}: opportunity {opportunity:R}, engine {expected.Opportunity:R}");
    }

    /// <summary>A random model of built-in pieces and a random book.</summary>
    public sealed record FusedCase(
        string Preset,
        Dictionary<string, double>? Weights,
        Dictionary<Segment, string> SegmentPresets,
        MissingSignalPolicy Policy,
        bool PointsSum,
        double MaxPoints,
        bool BandsFromScore,
        bool CustomBands,
        double Intercept,
        double Slope,
        List<OfferRuleOptions>? Rules,
        double SeatsMultiplier,
        double NurtureMultiplier,
        bool SeatsFromPlanFit,
        double NowMinTriggers,
        int Next30MaxDays,
        GateOptions Gates,
        Account[] Book)
    {
        public ScoringModel Build() => ScoringModel.Create(new ExpansionScoringOptions
        {
            Preset = Preset,
            Weights = Weights,
            SegmentPresets = SegmentPresets,
            MissingSignals = Policy,
            Aggregation = PointsSum ? AggregationKind.PointsSum : AggregationKind.WeightedAverage,
            MaxPoints = MaxPoints,
            BandBasis = BandsFromScore ? BandBasis.Score : BandBasis.Probability,
            Bands = CustomBands ? [new() { Name = "Top", MinProbability = 60 }, new() { Name = "Mid", MinProbability = 33.3 }, new() { Name = "Low", MinProbability = 10 }, new() { Name = "Floor", MinProbability = -1 }, new() { Name = "Cold", MinProbability = -5 }] : null,
            Probability = new ProbabilityOptions { Intercept = Intercept, Slope = Slope },
            Offers = new OfferOptions
            {
                Rules = Rules,
                Multipliers = new() { [OfferKind.Seats] = SeatsMultiplier, [OfferKind.Nurture] = NurtureMultiplier },
                SeatSaturationFromPlanFit = SeatsFromPlanFit,
            },
            Windows = CustomBands
                ? new() { NowBands = ["Top"], Next30Bands = ["Top", "Mid"], Next30RenewalBands = ["Low"], Next60Bands = ["Low", "Floor"], NowMinTriggers = NowMinTriggers, Next30MaxDaysToRenewal = Next30MaxDays }
                : new() { NowMinTriggers = NowMinTriggers, Next30MaxDaysToRenewal = Next30MaxDays },
            Gates = Gates,
        });

        public override string ToString()
            => $"preset {Preset}, weights {(Weights is null ? "-" : string.Join(",", Weights.Select(w => $"{w.Key}={w.Value}")))}, segments {string.Join(",", SegmentPresets)}, {Policy}, pointsSum {PointsSum}/{MaxPoints}, score bands {BandsFromScore}, custom bands {CustomBands}, p = {Intercept} + {Slope}c, rules {(Rules is null ? "default" : string.Join(";", Rules.Select(r => r.Name)))}, {Book.Length} accounts";
    }

    public static class Arbitraries
    {
        private static readonly string[] PresetNames = [.. WeightPreset.BuiltInPresets.Select(p => p.Name)];

        private static Gen<List<OfferRuleOptions>?> Rules { get; } = Gen.Frequency(
            (3, Gen.Constant<List<OfferRuleOptions>?>(null)),
            (2, from order in Gen.Shuffle(DefaultOfferRules.Create().ToArray())
                from shift in Gen.Elements(-10.0, -0.5, 0, 0.5, 10)
                from segments in Gen.Elements<List<Segment>?>(null, [Segment.SMB], [Segment.MidMarket, Segment.Enterprise])
                select (List<OfferRuleOptions>?)[.. order.Select((r, i) => new OfferRuleOptions
                {
                    Name = r.Name,
                    Offer = r.Offer,
                    Segments = i == 0 ? segments : r.Segments,
                    Conditions = [.. r.Conditions.Select(c => new OfferConditionOptions { Field = c.Field, Operator = (ComparisonOperator)((int)(c.Operator + i) % 4), Value = c.Field == "SeatSaturation" ? c.Value : c.Value + shift })],
                })]));

        public static Arbitrary<FusedCase> Cases() =>
            (from preset in Gen.Elements(PresetNames)
             from weights in Gen.Frequency(
                 (3, Gen.Constant<Dictionary<string, double>?>(null)),
                 (1, Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 100))), SignalKey.BuiltIn.Count).Where(w => w.Any(x => x > 0))
                     .Select(w => (Dictionary<string, double>?)SignalKey.BuiltIn.Select((k, i) => (k.Name, w[i] / 10.0)).ToDictionary(p => p.Name, p => p.Item2))))
             from smb in Gen.Elements<string?>(null, "SmbSeatHeavy", "ProductLed")
             from enterprise in Gen.Elements<string?>(null, "Enterprise")
             from policy in Gen.Elements(Enum.GetValues<MissingSignalPolicy>())
             from pointsSum in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
             from maxPoints in Gen.Elements(1.0, 50, 100, 140)
             from bandsFromScore in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
             from customBands in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
             from linear in Gen.Elements((5.0, 0.9), (5.0, 0.9), (0.0, 1.0), (-20.0, 1.5), (30.0, 0.3))
             from rules in Rules
             from seats in Gen.Elements(0.2, 0.0, 1.5)
             from nurture in Gen.Elements(0.0, 0.0, 0.05)
             from fromPlanFit in Gen.Elements(true, true, false)
             from nowMin in Gen.Elements(60.0, 0, 80)
             from maxDays in Gen.Elements(60, 0, 365)
             from minHealth in Gen.Elements(60.0, 0, 75.5)
             from maxTickets in Gen.Elements(0, 1)
             from tenure in Gen.Elements(6, 0, 1, 13)
             from enabled in Gen.Elements(true, true, false)
             from book in Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }))
             select new FusedCase(
                 preset,
                 weights,
                 new[] { (Segment.SMB, smb), (Segment.Enterprise, enterprise) }.Where(p => p.Item2 is not null).ToDictionary(p => p.Item1, p => p.Item2!),
                 policy,
                 pointsSum,
                 maxPoints,
                 bandsFromScore,
                 customBands,
                 linear.Item1,
                 linear.Item2,
                 rules,
                 seats,
                 nurture,
                 fromPlanFit,
                 nowMin,
                 maxDays,
                 new GateOptions { MinHealthScore = minHealth, MaxOpenP1P2Tickets = maxTickets, MinTenureMonths = tenure, TenureEnabled = enabled, HealthEnabled = enabled || tenure > 1 },
                 book)).ToArbitrary();
    }

    private sealed class ConstantScorer(SignalKey key, double value) : ISignalScorer
    {
        public SignalKey Key => key;

        public SignalReading Score(in SignalScorerArguments arguments) => SignalReading.Of(value);
    }

    private sealed class AlwaysRule : IOfferRule
    {
        public string Name => "Always";

        public OfferKind Offer => OfferKind.Seats;

        public bool Matches(in OfferRuleArguments arguments) => true;

        public string Explain(in OfferRuleArguments arguments) => "always";
    }
}
