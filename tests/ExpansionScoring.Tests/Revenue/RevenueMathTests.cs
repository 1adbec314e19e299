using ExpansionScoring.Revenue;

namespace ExpansionScoring.Tests.Revenue;

public class RevenueMathTests
{
    [Fact]
    public void CompoundByYear_OneMillionAt120_SpecSeries()
        => AssertSeries([1_200_000, 1_440_000, 1_728_000], RevenueMath.CompoundByYear(1_000_000, 1.20, 3));

    [Fact]
    public void CompoundByYear_OneMillionAt130_SpecSeries()
        => AssertSeries([1_300_000, 1_690_000, 2_197_000], RevenueMath.CompoundByYear(1_000_000, 1.30, 3));

    [Fact]
    public void Compound_ThreeYearsAt120_Is1728K() => Assert.Equal(1_728_000, RevenueMath.Compound(1_000_000, 1.20, 3), 6);

    [Fact]
    public void Compound_ZeroYears_IsTheStart() => Assert.Equal(500, RevenueMath.Compound(500, 1.5, 0));

    [Fact]
    public void DoublingTime_At120_About3Point80Years() => Assert.Equal(3.80, RevenueMath.DoublingTime(1.20)!.Value, 2);

    [Fact]
    public void DoublingTime_At200_OneYear() => Assert.Equal(1, RevenueMath.DoublingTime(2)!.Value, 12);

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    public void DoublingTime_NotAbove100Percent_Never(double nrr) => Assert.Null(RevenueMath.DoublingTime(nrr));

    [Fact]
    public void Compare_100Vs120OverThreeYears_YearThreeDifference728KCumulative1368K()
    {
        var c = RevenueMath.Compare(1_000_000, 1.00, 1.20, 3);

        Assert.Equal(1_000_000, c.BaseArrInYearN, 6);
        Assert.Equal(1_728_000, c.ArrInYearN, 6);
        Assert.Equal(728_000, c.YearNArrDifference, 6);
        Assert.Equal(1_368_000, c.CumulativeArrDifference, 6);
        AssertSeries([200_000, 440_000, 728_000], c.ArrDifferenceByYear);
        Assert.Equal(3, c.Years);
    }

    [Fact]
    public void Nrr_ExpansionChurnContraction_SpecFormula()
        => Assert.Equal(1.20, RevenueMath.Nrr(startArr: 1_000_000, expansion: 300_000, contraction: 50_000, churn: 50_000), 12);

    [Fact]
    public void Grr_IgnoresExpansion() => Assert.Equal(0.90, RevenueMath.Grr(startArr: 1_000_000, contraction: 50_000, churn: 50_000), 12);

    [Fact]
    public void Nrr_ZeroStart_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("startArr", () => RevenueMath.Nrr(0, 1, 0, 0));

    [Fact]
    public void Nrr_NegativeChurn_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("churn", () => RevenueMath.Nrr(1, 0, 0, -1));

    [Fact]
    public void Compound_NegativeYears_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("years", () => RevenueMath.Compound(1, 1.2, -1));

    [Fact]
    public void Compare_ZeroYears_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("years", () => RevenueMath.Compare(1, 1, 1.2, 0));

    [Fact]
    public void DoublingTime_Zero_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("nrr", () => RevenueMath.DoublingTime(0));

    private static void AssertSeries(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 6);
        }
    }
}
