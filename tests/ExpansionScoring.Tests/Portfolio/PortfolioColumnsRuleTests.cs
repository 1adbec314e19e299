using System.Text.Json;
using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;
using ExpansionScoring.Offers;
using ExpansionScoring.Probability;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Portfolios;

/// <summary>
/// <see cref="PortfolioAccumulator.Add(AccountColumns, ScoreColumns, Func{int, Account})"/> at its edges: columns a
/// batch leaves out read as the accounts they stand for (no segment is Mid-Market, no signal column is missing, a
/// missing PlanFit comes from the seat saturation), the ranking of tied offers, and every refusal with its message.
/// </summary>
public class PortfolioColumnsRuleTests
{
    private static readonly DateOnly AsOf = BookGenerators.AsOf;

    /// <summary>Adds <paramref name="accounts"/> as one batch of <paramref name="columns"/>, scored by the model's batch path.</summary>
    private static Portfolio FromColumns(ScoringModel model, AccountColumns columns, IReadOnlyList<Account> accounts, PortfolioOptions? options = null)
    {
        var results = new Results(columns.Count);
        model.ScoreBatch(columns, AsOf, results.Columns);
        var accumulator = new PortfolioAccumulator(model, AsOf, options);
        accumulator.Add(columns, results.Columns, i => accounts[i]);
        return accumulator.ToPortfolio();
    }

    private static void AssertSame(Portfolio expected, Portfolio actual)
        => Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    [Fact]
    public void NoSegmentColumn_EveryAccountIsMidMarket_AsTheAccountsDefault()
    {
        // SMB weighs Velocity zero, Mid-Market does not: the report card's data coverage tells the segments apart
        // when Velocity is missing. Before the fix the accumulator read an absent segment column as SMB.
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Presets = { ["NoVelocity"] = new() { ["PlanFit"] = 1, ["Velocity"] = 0, ["Engagement"] = 1, ["Champion"] = 1, ["Triggers"] = 1 } },
            SegmentPresets = { [Segment.SMB] = "NoVelocity" },
        });
        Account[] accounts =
        [
            TestData.Account(planFit: 80, velocity: null, engagement: 70, champion: 60, triggers: 50, id: "a"),
            TestData.Account(planFit: 40, velocity: null, engagement: 30, champion: 20, triggers: 10, id: "b"),
        ];
        var columns = new AccountColumns
        {
            Arr = [100_000, 100_000],
            PlanFit = [80, 40],
            Velocity = [double.NaN, double.NaN],
            Engagement = [70, 30],
            Champion = [60, 20],
            Triggers = [50, 10],
        };

        var expected = Portfolio.Create(model, accounts, AsOf);
        var actual = FromColumns(model, columns, accounts);

        AssertSame(expected, actual);
        var smbAccounts = accounts.Select(a => a with { Segment = Segment.SMB }).ToList();
        var smb = Portfolio.Create(model, smbAccounts, AsOf);
        Assert.NotEqual(JsonSerializer.Serialize(smb.ReportCard), JsonSerializer.Serialize(actual.ReportCard));

        // A segment column, when there is one, is read row by row.
        var withSegments = new AccountColumns
        {
            Segment = [Segment.SMB, Segment.SMB],
            Arr = [100_000, 100_000],
            PlanFit = [80, 40],
            Velocity = [double.NaN, double.NaN],
            Engagement = [70, 30],
            Champion = [60, 20],
            Triggers = [50, 10],
        };
        AssertSame(smb, FromColumns(model, withSegments, smbAccounts));
    }

    [Fact]
    public void AbsentSignalAndFactColumns_ReadAsMissing_AsForAccountsWithoutThem()
    {
        // No Champion, Triggers, seat-saturation or renewal column: the report card must see those as missing on
        // every row (not as zeros, nor as the previous row's values).
        var model = ScoringModel.Default;
        Account[] accounts =
        [
            TestData.Account(planFit: 90, velocity: 80, engagement: 70, id: "a"),
            TestData.Account(planFit: 20, velocity: 10, engagement: 65, id: "b"),
            TestData.Account(planFit: 55, velocity: 50, engagement: 45, id: "c"),
        ];
        var columns = new AccountColumns
        {
            Arr = [100_000, 100_000, 100_000],
            PlanFit = [90, 20, 55],
            Velocity = [80, 10, 50],
            Engagement = [70, 65, 45],
        };

        var actual = FromColumns(model, columns, accounts);

        AssertSame(Portfolio.Create(model, accounts, AsOf), actual);
    }

    [Fact]
    public void MissingPlanFit_IsTheSeatSaturationClampedTo100_AsTheDefaultScorerDerivesIt()
    {
        // Other signals low, so whether an account has a meaningful signal (≥ 60) turns on its derived PlanFit:
        // 0.8 → 80 (meaningful), 0.3 → 30 (not), 1.3 → 100 (clamped), and a given PlanFit is never replaced.
        var model = ScoringModel.Default;
        Account Seats(string id, int active, int purchased, double? planFit = null)
            => TestData.Account(planFit: planFit, velocity: 10, engagement: 10, champion: 10, triggers: 10, id: id) with { SeatsActive = active, SeatsPurchased = purchased };
        Account[] accounts = [Seats("a", 80, 100), Seats("b", 30, 100), Seats("c", 130, 100), Seats("d", 90, 100, planFit: 20), TestData.Account(velocity: 10, id: "e")];
        var columns = new AccountColumns
        {
            Arr = [100_000, 100_000, 100_000, 100_000, 100_000],
            PlanFit = [double.NaN, double.NaN, double.NaN, 20, double.NaN],
            Velocity = [10, 10, 10, 10, 10],
            Engagement = [10, 10, 10, 10, double.NaN],
            Champion = [10, 10, 10, 10, double.NaN],
            Triggers = [10, 10, 10, 10, double.NaN],
            SeatSaturation = [0.8, 0.3, 1.3, 0.9, double.NaN],
        };

        var expected = Portfolio.Create(model, accounts, AsOf);
        var actual = FromColumns(model, columns, accounts);

        AssertSame(expected, actual);
    }

    [Fact]
    public void TiedDollarsAndProbability_TheLowerAccountIdTakesTheLastPlace()
    {
        // Identical accounts tie on dollars and probability; the rank then goes by account id, so "a" (added last)
        // must displace "b" from a top of one, on the batch path as on the account path.
        var model = ScoringModel.Default;
        Account[] accounts = [TestData.Uniform(80) with { Id = "b" }, TestData.Uniform(80) with { Id = "a" }];
        var columns = new AccountColumns { Arr = [100_000, 100_000], PlanFit = [80, 80], Velocity = [80, 80], Engagement = [80, 80], Champion = [80, 80], Triggers = [80, 80] };
        var options = new PortfolioOptions { TopN = 1 };

        var actual = FromColumns(model, columns, accounts, options);

        Assert.Equal("a", Assert.Single(actual.TopOffers).AccountId);
        AssertSame(Portfolio.Create(model, accounts, AsOf, options), actual);
    }

    [Fact]
    public void AddColumns_NullAccountFunction_IsRefused_EvenWhenNoRowWouldNeedIt()
    {
        double[] arr = [1];
        var results = new Results(1);

        var e = Assert.Throws<ArgumentNullException>(() => new PortfolioAccumulator(ScoringModel.Default, AsOf).Add(new AccountColumns { Arr = arr }, results.Columns, null!));

        Assert.Equal("account", e.ParamName);
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(2, 1, 2)]
    [InlineData(2, 2, 1)]
    public void AddColumns_AnyResultColumnShorterThanTheBatch_IsRefused(int probability, int opportunity, int outcome)
    {
        double[] arr = [1, 2];
        var accumulator = new PortfolioAccumulator(ScoringModel.Default, AsOf);

        var e = Assert.Throws<ArgumentException>(() => accumulator.Add(
            new AccountColumns { Arr = arr },
            new ScoreColumns { Composite = new double[2], Probability = new double[probability], Opportunity = new double[opportunity], Outcome = new ScoreOutcome[outcome] },
            _ => throw new InvalidOperationException()));

        Assert.Equal("scores", e.ParamName);
        Assert.StartsWith("The probability, opportunity and outcome columns must each hold the batch's accounts.", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, accumulator.Count);
    }

    [Fact]
    public void AddColumns_ResultColumnsLongerThanTheBatch_AreAccepted()
    {
        var model = ScoringModel.Default;
        Account[] accounts = [TestData.Uniform(70) with { Id = "a" }];
        var columns = new AccountColumns { Arr = [100_000], PlanFit = [70], Velocity = [70], Engagement = [70], Champion = [70], Triggers = [70] };
        var results = new Results(3);
        model.ScoreBatch(columns, AsOf, results.Columns);
        var accumulator = new PortfolioAccumulator(model, AsOf);

        accumulator.Add(columns, results.Columns, i => accounts[i]);

        Assert.Equal(1, accumulator.Count);
        AssertSame(Portfolio.Create(model, accounts, AsOf), accumulator.ToPortfolio());
    }

    [Fact]
    public void AddColumns_ModelWithoutABatchPath_IsRefusedWithTheReason()
    {
        var model = new ScoringModelBuilder().AddOfferRule(new Generators.FixedRule("Code", OfferKind.AddOn, fires: false)).Build();
        Assert.Equal(ScoringPath.General, model.BatchPath);
        double[] arr = [1];
        var results = new Results(1);

        var e = Assert.Throws<ArgumentException>(() => new PortfolioAccumulator(model, AsOf).Add(new AccountColumns { Arr = arr }, results.Columns, _ => throw new InvalidOperationException()));

        Assert.Equal("accounts", e.ParamName);
        Assert.StartsWith($"The model has no batch path ({model.BatchPathFallbackReason}); add the accounts one by one.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddScore_NotFromThisModel_IsRefused()
    {
        var accumulator = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var score = ScoringModel.Default.Score(TestData.Uniform(70), AsOf);

        var noAccount = Assert.Throws<ArgumentException>("score", () => accumulator.Add(default(AccountScore)));
        Assert.StartsWith("The score is default(AccountScore); it has no account.", noAccount.Message, StringComparison.Ordinal);
        foreach (var wrong in new[]
        {
            score with { BandIndex = -1 },
            score with { BandIndex = ScoringModel.Default.Bands.Count },
            score with { EffectiveWindow = (PitchWindow)Enum.GetValues<PitchWindow>().Length },
        })
        {
            var e = Assert.Throws<ArgumentException>("score", () => accumulator.Add(wrong));
            Assert.StartsWith("The score does not come from this accumulator's model.", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, accumulator.Count);
        accumulator.Add(score with { EffectiveWindow = Enum.GetValues<PitchWindow>().Max() });
        Assert.Equal(1, accumulator.Count);
    }

    [Fact]
    public void Merge_Refusals_SayWhy()
    {
        var acc = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var other = new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform()).Build();

        Assert.StartsWith("An accumulator cannot be merged into itself.", Assert.Throws<ArgumentException>("other", () => acc.Merge(acc)).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "Cannot merge a portfolio as of 2026-11-24 into one as of 2026-11-23.",
            Assert.Throws<ArgumentException>("other", () => acc.Merge(new PortfolioAccumulator(ScoringModel.Default, AsOf.AddDays(1)))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("Cannot merge portfolios scored by different models.", Assert.Throws<ArgumentException>("other", () => acc.Merge(new PortfolioAccumulator(other, AsOf))).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "Cannot merge portfolios built with different options.",
            Assert.Throws<ArgumentException>("other", () => acc.Merge(new PortfolioAccumulator(ScoringModel.Default, AsOf, new PortfolioOptions { TopN = 3 }))).Message,
            StringComparison.Ordinal);
    }

    private sealed class Results(int n)
    {
        private readonly double[] composite = new double[n];
        private readonly double[] probability = new double[n];
        private readonly double[] opportunity = new double[n];
        private readonly ScoreOutcome[] outcome = new ScoreOutcome[n];

        public ScoreColumns Columns => new() { Composite = composite, Probability = probability, Opportunity = opportunity, Outcome = outcome };
    }
}
