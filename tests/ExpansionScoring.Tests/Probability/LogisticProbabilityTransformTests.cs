using ExpansionScoring.Probability;

namespace ExpansionScoring.Tests.Probability;

/// <summary>SPEC §4: the transform is pluggable; the logistic curve is the built-in alternative.</summary>
public class LogisticProbabilityTransformTests
{
    [Fact]
    public void Transform_AtMidpoint_IsFifty()
    {
        Assert.Equal(50, new LogisticProbabilityTransform().Transform(50), 12);
        Assert.Equal(50, new LogisticProbabilityTransform(midpoint: 30, steepness: 0.4).Transform(30), 12);
    }

    [Theory]
    [InlineData(100, 94.39764342)] // 5 + 90 / (1 + e^-5)
    [InlineData(0, 5.60235658)]    // 5 + 90 / (1 + e^5)
    [InlineData(60, 70.79527208)]  // 5 + 90 / (1 + e^-1)
    public void Transform_DefaultCurve_MatchesFormula(double composite, double expected)
    {
        Assert.Equal(expected, new LogisticProbabilityTransform().Transform(composite), 6);
    }

    [Fact]
    public void Score_LogisticFromOptions_UsesCurve()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Probability = new ProbabilityOptions { Transform = ProbabilityTransformKind.Logistic, LogisticMidpoint = 40, LogisticSteepness = 0.2 },
        });
        Assert.IsType<LogisticProbabilityTransform>(model.ProbabilityTransform);
        Assert.Equal(50, model.Score(TestData.Uniform(40), TestData.AsOf).Probability, 9);
        Assert.Equal(5 + (90 / (1 + Math.Exp(-0.2 * 20))), model.Score(TestData.Uniform(60), TestData.AsOf).Probability, 9);
    }

    [Fact]
    public void Score_LogisticExtremes_StayWithinFiveNinetyFive()
    {
        var model = new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform(50, 5)).Build();
        Assert.Equal(5, model.Score(TestData.Uniform(0), TestData.AsOf).Probability, 9);
        Assert.Equal(95, model.Score(TestData.Uniform(100), TestData.AsOf).Probability, 9);
    }

    [Theory]
    [InlineData(double.NaN, 0.1, "midpoint")]
    [InlineData(50, 0, "steepness")]
    [InlineData(50, -1, "steepness")]
    [InlineData(50, double.PositiveInfinity, "steepness")]
    public void Ctor_InvalidArgument_Throws(double midpoint, double steepness, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticProbabilityTransform(midpoint, steepness));
        Assert.Equal(param, ex.ParamName);
    }
}
