using ExpansionScoring.Probability;

namespace ExpansionScoring.Tests.Probability;

/// <summary>SPEC §4: the default tail-damping transform, probability = 5 + 0.9 × composite, bounded to 5..95.</summary>
public class LinearProbabilityTransformTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(50, 50)]
    [InlineData(100, 95)]
    [InlineData(74.4444444444, 72)]
    public void Default_Transform_IsFivePlusPointNineComposite(double composite, double expected)
    {
        Assert.Equal(5, LinearProbabilityTransform.Default.Intercept);
        Assert.Equal(0.9, LinearProbabilityTransform.Default.Slope);
        Assert.Equal(expected, LinearProbabilityTransform.Default.Transform(composite), 6);
    }

    [Fact]
    public void Score_AllSignalsZero_ProbabilityIsFive()
    {
        var score = ScoringModel.Default.Score(TestData.Uniform(0), TestData.AsOf);
        Assert.Equal(0, score.Composite);
        Assert.Equal(5, score.Probability);
    }

    [Fact]
    public void Score_AllSignalsHundred_ProbabilityIsNinetyFive()
    {
        var score = ScoringModel.Default.Score(TestData.Uniform(100), TestData.AsOf);
        Assert.Equal(100, score.Composite, 12);
        Assert.Equal(95, score.Probability, 12);
    }

    [Fact]
    public void Score_NoSignalsAtAll_ProbabilityIsFiveNotZero()
    {
        var score = ScoringModel.Default.Score(new Account { Id = "empty" }, TestData.AsOf);
        Assert.Equal(5, score.Probability);
        Assert.Equal(Confidence.Low, score.Confidence);
        Assert.Equal(5, score.MissingSignalCount);
    }

    [Theory]
    [InlineData(20, 23)]
    [InlineData(61.5, 60.35)]
    public void Score_Composite_ProbabilityFollowsDefaultLine(double composite, double expected)
    {
        Assert.Equal(expected, ScoringModel.Default.Score(TestData.Uniform(composite), TestData.AsOf).Probability, 9);
    }

    [Fact]
    public void Score_OptionsInterceptAndSlope_AreUsed()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Probability = new ProbabilityOptions { Intercept = 10, Slope = 0.5 } });
        Assert.Equal(35, model.Score(TestData.Uniform(50), TestData.AsOf).Probability, 9);
    }

    [Theory]
    [InlineData(-50, 3, 0, 5)]    // -50 → clamped up to 5
    [InlineData(-50, 3, 100, 95)] // 250 → clamped down to 95
    [InlineData(0, 2, 30, 60)]
    public void Score_CustomLine_ClampedToFiveNinetyFive(double intercept, double slope, double composite, double expected)
    {
        var model = new ScoringModelBuilder().UseProbabilityTransform(new LinearProbabilityTransform(intercept, slope)).Build();
        Assert.Equal(expected, model.Score(TestData.Uniform(composite), TestData.AsOf).Probability, 9);
    }

    [Theory]
    [InlineData(200, 95)]
    [InlineData(95.001, 95)]
    [InlineData(-7, 5)]
    [InlineData(4.999, 5)]
    [InlineData(double.NaN, 5)]
    [InlineData(double.PositiveInfinity, 95)]
    [InlineData(double.NegativeInfinity, 5)]
    public void Score_CustomTransformOutOfBounds_ClampedToFiveNinetyFive(double returned, double expected)
    {
        var model = new ScoringModelBuilder().UseProbabilityTransform(new Generators.ConstantTransform(returned)).Build();
        Assert.Equal(expected, model.Score(TestData.Uniform(50), TestData.AsOf).Probability);
    }

    [Theory]
    [InlineData(double.NaN, 0.9, "intercept")]
    [InlineData(double.PositiveInfinity, 0.9, "intercept")]
    [InlineData(5, -0.1, "slope")]
    [InlineData(5, double.NaN, "slope")]
    public void Ctor_InvalidArgument_Throws(double intercept, double slope, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearProbabilityTransform(intercept, slope));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void Create_InvalidProbabilityOptions_ListsEachProblem()
    {
        var ex = InvariantCulture.Run(() => Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(new ExpansionScoringOptions
        {
            Probability = new ProbabilityOptions { Intercept = double.NaN, Slope = -1, LogisticSteepness = 0 },
        })));
        Assert.Equal(
            [
                "Probability:Intercept must be a finite number, was NaN.",
                "Probability:Slope must be >= 0, was -1.",
                "Probability:LogisticSteepness must be > 0, was 0.",
            ],
            ex.Errors);
    }
}
