using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>
/// Values that pass the finite check but overflow the arithmetic (weights, multipliers, MaxPoints, band thresholds, ARR)
/// are rejected by validation, each with its key and bound, so no model can produce NaN, infinity or an overflowing sum.
/// </summary>
public class ArithmeticBoundsTests
{
    [Fact]
    public void Validate_WeightAboveMaxWeight_NamesTheKeyAndTheBound()
    {
        var options = new ExpansionScoringOptions
        {
            Presets = new(StringComparer.OrdinalIgnoreCase) { ["X"] = new() { ["PlanFit"] = 1e308, ["Velocity"] = 1e308, ["Engagement"] = WeightPreset.MaxWeight } },
            Preset = "X",
        };

        Assert.Equal(
            [
                "Presets:X:PlanFit must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 1E+308.",
                "Presets:X:Velocity must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 1E+308.",
            ],
            options.Validate());
    }

    [Fact]
    public void Build_WeightsAtMaxWeight_ScoreFinitely()
    {
        var model = new ScoringModelBuilder()
            .Configure(o => o.Weights = new() { ["PlanFit"] = WeightPreset.MaxWeight, ["Velocity"] = WeightPreset.MaxWeight, ["Engagement"] = 1e-300 })
            .Build();

        var score = model.Score(TestData.Uniform(80), TestData.AsOf);

        TestData.Close(80, score.Composite);
        Assert.True(double.IsFinite(score.Probability));
    }

    [Fact]
    public void Create_WeightAboveMaxWeight_Throws()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => WeightPreset.Create("Big", [new KeyValuePair<SignalKey, double>(SignalKey.PlanFit, 2e6)]));

        Assert.Equal(["Big:PlanFit must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 2000000."], ex.Errors);
    }

    [Fact]
    public void Scale_PastMaxWeight_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WeightPreset.MidMarketBalanced.Scale(1e7));

        Assert.StartsWith("Factor would take a weight above 1000000 (WeightPreset.MaxWeight).", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0.30 * 1e6, WeightPreset.MidMarketBalanced.Scale(1e6).WeightOf(SignalKey.PlanFit), 6);
    }

    [Theory]
    [InlineData(1e308, "Offers:Multipliers:Tier must be <= 100 (OfferOptions.MaxMultiplier), was 1E+308.")]
    [InlineData(100.5, "Offers:Multipliers:Tier must be <= 100 (OfferOptions.MaxMultiplier), was 100.5.")]
    public void Validate_MultiplierAboveMax_NamesTheKeyAndTheBound(double multiplier, string expected)
    {
        var options = new ExpansionScoringOptions();
        options.Offers.Multipliers[OfferKind.Tier] = multiplier;

        Assert.Equal([expected], options.Validate());
    }

    [Fact]
    public void Validate_MultiplierAtMax_IsAccepted()
    {
        var options = new ExpansionScoringOptions();
        options.Offers.Multipliers[OfferKind.Tier] = OfferOptions.MaxMultiplier;

        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(1e308, "Bands:0:MinProbability must be at most 100 (the top of the value banded; a band above it is never reached), was 1E+308.")]
    [InlineData(100.01, "Bands:0:MinProbability must be at most 100 (the top of the value banded; a band above it is never reached), was 100.01.")]
    public void Validate_BandThresholdAboveTheProbabilityRange_IsRejected(double min, string expected)
    {
        var options = new ExpansionScoringOptions { Bands = [new() { Name = "Top", MinProbability = min }, new() { Name = "Rest", MinProbability = 0 }] };

        Assert.Equal([expected], options.Validate());
    }

    [Fact]
    public void Validate_BandThresholdsAtTheEdges_AreAccepted()
    {
        var options = new ExpansionScoringOptions { Bands = [new() { Name = "Top", MinProbability = 100 }, new() { Name = "Floor", MinProbability = -1 }] };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_PointsBandThreshold_IsBoundedByTheLargestPointsSum()
    {
        var options = new ExpansionScoringOptions
        {
            Aggregation = AggregationKind.PointsSum,
            BandBasis = BandBasis.Score,
            MaxPoints = 140,
            Bands = [new() { Name = "Critical", MinProbability = 1e308 }, new() { Name = "Hot", MinProbability = 6.4e9 }, new() { Name = "Rest", MinProbability = 0 }],
        };

        Assert.Equal(["Bands:0:MinProbability must be at most 6400000000 (the most points 64 signals at the largest weight give; a band above it is never reached), was 1E+308."], options.Validate());
    }

    [Theory]
    [InlineData(1e-7)]
    [InlineData(1e13)]
    public void Validate_MaxPointsOutsideItsRange_IsRejected(double maxPoints)
    {
        var options = new ExpansionScoringOptions { MaxPoints = maxPoints };

        Assert.Equal([FormattableString.Invariant($"MaxPoints must be in 1E-06..1000000000000 so that 100 × points / MaxPoints stays finite, was {maxPoints}.")], options.Validate());
    }

    [Fact]
    public void Arr_AboveMaxArr_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", Arr = 1.71e32 });

        Assert.Equal("Arr", ex.ParamName);
        Assert.StartsWith("Value must be at most 1e15 (Account.MaxArr), the most the money sums hold exactly.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1e15, Account.MaxArr);
        Assert.Equal(Account.MaxArr, new Account { Id = "a", Arr = Account.MaxArr }.Arr);
    }

    [Fact]
    public void Portfolio_OfAccountsAtEveryBound_SumsFinitely()
    {
        var options = new ExpansionScoringOptions();
        foreach (var kind in Enum.GetValues<OfferKind>())
        {
            options.Offers.Multipliers[kind] = OfferOptions.MaxMultiplier;
        }

        var model = new ScoringModelBuilder().Configure(o => o.Offers = options.Offers).Build();
        var accounts = Enumerable.Range(0, 1000).Select(i => TestData.Account(100, 100, 100, 100, 100, arr: Account.MaxArr) with { Id = $"a{i}" });

        var portfolio = Portfolio.Create(model, accounts, TestData.AsOf);

        Assert.Equal(1000 * Account.MaxArr, portfolio.Arr);
        Assert.True(double.IsFinite(portfolio.Pipeline));
        Assert.True(portfolio.Pipeline > 0);
    }
}
