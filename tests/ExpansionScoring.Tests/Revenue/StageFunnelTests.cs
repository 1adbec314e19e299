using ExpansionScoring.Revenue;

namespace ExpansionScoring.Tests.Revenue;

public class StageFunnelTests
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>
    /// d1 won through every stage (10, 10, 11, 14 days; 45 to win); d2 lost in Qualified after 20 days; d3 open in Identified;
    /// d4 open in In review; d5 lost in Identified after 2 days.
    /// </summary>
    private static readonly ExpansionDeal[] Deals =
    [
        new() { Id = "d1", Identified = D(1, 1), Qualified = D(1, 11), BusinessCaseDelivered = D(1, 21), InReview = D(2, 1), ClosedWon = D(2, 15) },
        new() { Id = "d2", Identified = D(1, 1), Qualified = D(1, 5), ClosedLost = D(1, 25) },
        new() { Id = "d3", Identified = D(1, 10) },
        new() { Id = "d4", Identified = D(1, 1), Qualified = D(1, 21), BusinessCaseDelivered = D(2, 10), InReview = D(2, 20) },
        new() { Id = "d5", Identified = D(1, 1), ClosedLost = D(1, 3) },
    ];

    [Fact]
    public void Compute_HandBook_Totals()
    {
        var f = StageFunnel.Compute(Deals);

        Assert.Equal(5, f.Deals);
        Assert.Equal(1, f.Won);
        Assert.Equal(2, f.Lost);
        Assert.Equal(2, f.Open);
        Assert.Equal(1.0 / 3, f.WinRate!.Value, 12);
        Assert.Equal(45, f.MedianDaysToWin);
    }

    [Theory]
    [InlineData(ExpansionStage.Identified, 5, 3, 1, 1, 0.75, 7)]           // days 2, 4, 10, 20
    [InlineData(ExpansionStage.Qualified, 3, 2, 1, 0, 2.0 / 3, 20)]        // days 10, 20, 20 (lost)
    [InlineData(ExpansionStage.BusinessCaseDelivered, 2, 2, 0, 0, 1, 10.5)] // days 11, 10
    [InlineData(ExpansionStage.InReview, 2, 1, 0, 1, 1, 14)]
    public void Compute_HandBook_PerStage(ExpansionStage stage, int entered, int advanced, int lost, int open, double conversion, double medianDays)
    {
        var s = StageFunnel.Compute(Deals).Stages[(int)stage];

        Assert.Equal(stage, s.Stage);
        Assert.Equal(entered, s.Entered);
        Assert.Equal(advanced, s.Advanced);
        Assert.Equal(lost, s.Lost);
        Assert.Equal(open, s.Open);
        Assert.Equal(conversion, s.Conversion!.Value, 12);
        Assert.Equal(medianDays, s.MedianDays);
    }

    [Fact]
    public void Compute_SkippedStage_CountedAsReachedWithoutCycleTime()
    {
        var s = StageFunnel.Compute([new ExpansionDeal { Id = "x", Identified = D(1, 1), InReview = D(1, 9) }]).Stages;

        Assert.All(s, stage => Assert.Equal(1, stage.Entered));
        Assert.Null(s[0].MedianDays); // Qualified has no day
        Assert.Equal(1, s[3].Open);
    }

    [Fact]
    public void Compute_NoDeals_NullRates()
    {
        var f = StageFunnel.Compute([]);

        Assert.Equal(0, f.Deals);
        Assert.Null(f.WinRate);
        Assert.All(f.Stages, s => Assert.Null(s.Conversion));
    }

    [Fact]
    public void Compute_WonAndLost_Throws()
        => Assert.Throws<ArgumentException>("deals", () => StageFunnel.Compute([new ExpansionDeal { Id = "x", Identified = D(1, 1), ClosedWon = D(2, 1), ClosedLost = D(2, 1) }]));

    [Fact]
    public void Compute_DaysGoBackwards_Throws()
        => Assert.Throws<ArgumentException>("deals", () => StageFunnel.Compute([new ExpansionDeal { Id = "x", Identified = D(2, 1), Qualified = D(1, 1) }]));

    [Fact]
    public void Compute_Null_Throws() => Assert.Throws<ArgumentNullException>("deals", () => StageFunnel.Compute(null!));

    [Fact]
    public void DateOf_EachStage_ReturnsItsDay()
        => Assert.Equal(D(2, 15), Deals[0].DateOf(ExpansionStage.ClosedWon));
}
