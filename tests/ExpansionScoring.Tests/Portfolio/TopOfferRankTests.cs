namespace ExpansionScoring.Tests.Portfolios;

/// <summary><see cref="TopOffer.CompareRanks"/> is the order of <see cref="Portfolio.TopOffers"/>: dollars, then probability, then id.</summary>
public class TopOfferRankTests
{
    [Fact]
    public void CompareRanks_OrdersTiesByProbabilityThenId_AsThePortfolioDoes()
    {
        Account Make(string id, double signal, double arr) => new() { Id = id, Arr = arr, Signals = ExpansionScoring.Signals.SignalValues.Of(signal, signal, signal, signal, signal) };
        var accounts = new[] { Make("b", 80, 100_000), Make("a", 80, 100_000), Make("c", 60, 100_000), Make("d", 90, 10_000), Make("e", 70, 300_000) };

        var portfolio = Portfolio.Create(ScoringModel.Default, accounts, TestData.AsOf, topN: 5);
        var sorted = portfolio.TopOffers.ToList();
        sorted.Sort((x, y) => TopOffer.CompareRanks(x.Opportunity, x.Probability, x.AccountId, y.Opportunity, y.Probability, y.AccountId));

        Assert.Equal(portfolio.TopOffers.Select(o => o.AccountId), sorted.Select(o => o.AccountId));
        Assert.True(TopOffer.CompareRanks(100, 50, "a", 100, 50, "b") < 0);
        Assert.True(TopOffer.CompareRanks(100, 40, "a", 100, 50, "b") > 0);
        Assert.True(TopOffer.CompareRanks(200, 10, "z", 100, 90, "a") < 0);
        Assert.Equal(0, TopOffer.CompareRanks(100, 50, "a", 100, 50, "a"));
    }
}
