using ExpansionScoring.Columnar;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>
/// Rules of the general engine that the default options never exercise: a points sum's explanation, banding on the
/// score, a band list without a floor, a gated account under a paid Nurture multiplier, an override's author, and the
/// batch overload's refusals.
/// </summary>
public class ScoringModelEdgeRuleTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    [Fact]
    public void PointsSum_EachWeightMultipliesItsSignalAsGiven_AndTheCompositeIsTheShareOfMaxPoints()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Aggregation = AggregationKind.PointsSum,
            MaxPoints = 400,
            Weights = new() { ["PlanFit"] = 1, ["Velocity"] = 2, ["Engagement"] = 1, ["Champion"] = 0.5, ["Triggers"] = 0.5 },
        });
        var account = TestData.Account(planFit: 40, velocity: 50, engagement: 60, champion: 80, triggers: null);

        var explained = model.Explain(account, AsOf);

        // 40 + 100 + 60 + 40 = 240 points of 400: composite 60.
        Assert.Equal(240, explained.RawScore);
        TestData.Close(60, explained.Composite);
        Assert.Equal([1, 2, 1, 0.5, 0.5], explained.Signals.Select(s => s.EffectiveWeight));
        Assert.Equal([40, 100, 60, 40, 0], explained.Signals.Select(s => s.Contribution));
    }

    [Fact]
    public void BandBasisScore_BandsTheRawScoreNotTheProbability()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            BandBasis = BandBasis.Score,
            Bands = [new() { Name = "High", MinProbability = 60 }, new() { Name = "Low", MinProbability = 0 }],
        });

        // Composite 62 gives probability 60.8 (5 + 0.9 × 62) and composite 64 gives 62.6: on the score they are 62 and 64.
        var account = TestData.Uniform(62);
        Assert.Equal("High", model.Score(account, AsOf).Band.Name);
        Assert.Equal("Low", model.Score(TestData.Uniform(58), AsOf).Band.Name); // probability 57.2, score 58
        var onProbability = ScoringModel.Create(new ExpansionScoringOptions { Bands = [new() { Name = "High", MinProbability = 60 }, new() { Name = "Low", MinProbability = 0 }] });
        Assert.Equal("Low", onProbability.Score(TestData.Uniform(60), AsOf).Band.Name); // probability 59
        Assert.Equal("High", model.Score(TestData.Uniform(60), AsOf).Band.Name); // score 60
    }

    [Fact]
    public void BandsWithoutAFloor_AnAccountBelowEveryBand_IsInTheLastOne()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Bands = [new() { Name = "Hot", MinProbability = 75 }, new() { Name = "Warm", MinProbability = 50 }] });

        var score = model.Score(TestData.Uniform(10), AsOf); // probability 14

        Assert.Equal("Warm", score.Band.Name);
        Assert.Equal(1, score.BandIndex);
        Assert.Equal("Warm", model.Explain(TestData.Uniform(10), AsOf).Band);
    }

    [Fact]
    public void Gated_HasNoDollars_EvenWhenNurtureIsPaid()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Multipliers = { [OfferKind.Nurture] = 0.5 } } });
        var gated = TestData.Uniform(80) with { HealthScore = 10 };
        var lowProbability = TestData.Uniform(20); // probability 23 < 40: LowProbability's Nurture, not gated

        Assert.Equal(OfferKind.Nurture, model.Score(gated, AsOf).Offer);
        Assert.Equal(0, model.Score(gated, AsOf).Opportunity);
        Assert.Equal(0, model.Explain(gated, AsOf).Opportunity);
        TestData.Close(0.23 * 100_000 * 0.5, model.Score(lowProbability, AsOf).Opportunity);
    }

    [Fact]
    public void WindowReason_NamesTheOverridesAuthor_WhenThereIsOne()
    {
        var account = TestData.Uniform(80) with { WindowOverride = new WindowOverride { Window = PitchWindow.Next60Days, Reason = "budget freeze", Author = "kim" } };
        var anonymous = account with { WindowOverride = account.WindowOverride! with { Author = null } };

        Assert.StartsWith("overridden to Next60Days by kim: budget freeze (computed: Now, ", ScoringModel.Default.Explain(account, AsOf).WindowReason, StringComparison.Ordinal);
        Assert.StartsWith("overridden to Next60Days: budget freeze (computed: Now, ", ScoringModel.Default.Explain(anonymous, AsOf).WindowReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreSpan_RefusesAShortResultSpanAndANullAccount_SayingWhich()
    {
        var results = new AccountScore[1];
        var shortSpan = Assert.Throws<ArgumentException>("results", () => ScoringModel.Default.Score([TestData.Uniform(50), TestData.Uniform(60)], AsOf, results));
        Assert.StartsWith("The results span holds 1 items but 2 accounts were given.", shortSpan.Message, StringComparison.Ordinal);

        var withNull = Assert.Throws<ArgumentNullException>("accounts", () => ScoringModel.Default.Score([TestData.Uniform(50), null!], AsOf, new AccountScore[2]));
        Assert.StartsWith("The account at index 1 is null.", withNull.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200_000, "2020-01-01", "2026-03-02")] // past DateOnly.AddMonths' range: threw ArgumentOutOfRangeException
    [InlineData(100_000, "2020-01-01", "2026-03-02")] // within its range, but the tenure would end after 9999-12-31
    [InlineData(6, "9999-12-01", "9999-12-15")]
    public void TenureGate_EndingAfterTheLastDate_Blocks_OnBothPaths(int months, string start, string asOf)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Gates = new() { MinTenureMonths = months } });
        var date = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var account = TestData.Uniform(80) with { ContractStartDate = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.True(model.Score(account, date).GatesBlocked.HasFlag(GateFlags.Tenure));
        Assert.Equal(GateStatus.Blocked, model.GateChecks(account, date).Single(g => g.Gate == GateFlags.Tenure).Status);

        var buffer = new AccountColumnBuffer(1);
        buffer.Add(account, date, model);
        var outcome = new ScoreOutcome[1];
        model.ScoreBatch(buffer.Columns, date, new ScoreColumns { Composite = new double[1], Probability = new double[1], Opportunity = new double[1], Outcome = outcome });
        Assert.True(outcome[0].IsGated);
    }
}
