using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Portfolios;

/// <summary>The portfolio counts active window overrides, each once, through adding and merging.</summary>
public class PortfolioOverrideCountTests
{
    private static readonly DateOnly AsOf = HandBook.AsOf;

    private static Account Overridden(Account account, DateOnly? expires = null)
        => account with { WindowOverride = new WindowOverride { Window = PitchWindow.Now, Reason = "exec asked", ExpiresOn = expires } };

    [Fact]
    public void OverriddenCount_CountsEveryActiveOverrideAndNoExpiredOne()
    {
        var accounts = new[] { Overridden(HandBook.Bolt), Overridden(HandBook.Cirrus), Overridden(HandBook.Acme, AsOf.AddDays(-1)), HandBook.Delta };

        var portfolio = Portfolio.Create(ScoringModel.Default, accounts, AsOf);

        Assert.Equal(2, portfolio.OverriddenCount);
        Assert.Equal(3, portfolio.Windows[PitchWindow.Now].Count); // Bolt and Cirrus moved to Now, Acme computed Now
    }

    [Fact]
    public void OverriddenCount_AddsUpAcrossMergedParts()
    {
        var left = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var right = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        left.Add(Overridden(HandBook.Bolt));
        left.Add(Overridden(HandBook.Cirrus));
        right.Add(Overridden(HandBook.Delta));
        right.Add(HandBook.Acme);

        left.Merge(right);

        Assert.Equal(3, left.ToPortfolio().OverriddenCount);
        Assert.Equal(1, right.ToPortfolio().OverriddenCount);
    }
}
