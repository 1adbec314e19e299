using ExpansionScoring.Revenue;

namespace ExpansionScoring.Tests.Revenue;

public class ExpansionMetricsTests
{
    [Fact]
    public void Compute_HealthyQuarter_EachMetricAndTarget()
    {
        var m = ExpansionMetrics.Compute(new ExpansionActivity
        {
            Pipeline = 3_500_000,
            Quota = 1_000_000,
            ProductQualifiedLeads = 100,
            Opportunities = 35,
            ClosedWon = 14,
            ExpansionArrWon = 700_000,
            NewLogoArr = 1_300_000,
        });

        Assert.Equal(3.5, m.PipelineCoverage);
        Assert.True(m.PipelineCoverageAboveTarget);
        Assert.Equal(0.35, m.PqlToOpportunity);
        Assert.True(m.PqlToOpportunityAboveTarget);
        Assert.Equal(0.40, m.OpportunityToClose);
        Assert.False(m.OpportunityToCloseAboveTarget); // the target is "above 40 %"
        Assert.Equal(50_000, m.AverageDealSize);
        Assert.Equal(0.35, m.ExpansionShareOfNewArr);
        Assert.True(m.ExpansionShareOfNewArrAboveTarget);
    }

    [Fact]
    public void Compute_NoActivity_EveryRatioNull()
    {
        var m = ExpansionMetrics.Compute(new ExpansionActivity());

        Assert.Null(m.PipelineCoverage);
        Assert.Null(m.PipelineCoverageAboveTarget);
        Assert.Null(m.PqlToOpportunity);
        Assert.Null(m.OpportunityToClose);
        Assert.Null(m.AverageDealSize);
        Assert.Null(m.ExpansionShareOfNewArr);
    }

    [Fact]
    public void Compute_CustomTargets_UsesThem()
    {
        var m = ExpansionMetrics.Compute(new ExpansionActivity { Pipeline = 2, Quota = 1 }, new ExpansionTargets { PipelineCoverage = 1.5 });

        Assert.True(m.PipelineCoverageAboveTarget);
    }

    [Fact]
    public void Compute_NullActivity_Throws()
        => Assert.Throws<ArgumentNullException>("activity", () => ExpansionMetrics.Compute(null!));

    [Fact]
    public void Activity_NegativeQuota_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("Quota", () => new ExpansionActivity { Quota = -1 });
}
