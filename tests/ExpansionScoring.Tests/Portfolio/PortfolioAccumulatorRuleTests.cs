namespace ExpansionScoring.Tests.Portfolios;

/// <summary>The accumulator's guards and options: merging only like with like, scores only from its model, top N.</summary>
public class PortfolioAccumulatorRuleTests
{
    private static readonly DateOnly AsOf = HandBook.AsOf;

    public static TheoryData<string, PortfolioOptions> OtherOptions => new()
    {
        { "TopN", new PortfolioOptions { TopN = 3 } },
        { "IncludeHeatmap", new PortfolioOptions { IncludeHeatmap = true } },
        { "CurrencySymbol", new PortfolioOptions { CurrencySymbol = "€" } },
    };

    [Theory]
    [MemberData(nameof(OtherOptions))]
    public void Merge_PartsWithOneOptionDifferent_IsRefused(string option, PortfolioOptions other)
    {
        var left = new PortfolioAccumulator(ScoringModel.Default, AsOf, new PortfolioOptions());

        var ex = Assert.Throws<ArgumentException>("other", () => left.Merge(new PortfolioAccumulator(ScoringModel.Default, AsOf, other)));

        Assert.StartsWith("Cannot merge portfolios built with different options.", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(option);
    }

    [Fact]
    public void Merge_WithHeatmaps_KeepsBothPartsCells()
    {
        var options = new PortfolioOptions { IncludeHeatmap = true };
        var left = new PortfolioAccumulator(ScoringModel.Default, AsOf, options);
        var right = new PortfolioAccumulator(ScoringModel.Default, AsOf, options);
        left.Add(HandBook.Acme);
        right.Add(HandBook.Bolt);
        right.Add(HandBook.Cirrus);

        left.Merge(right);

        Assert.Equal(["acme", "bolt", "cirrus"], left.ToPortfolio().Heatmap!.Select(c => c.AccountId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Add_ScoreFromAModelWithMoreBands_IsRefused()
    {
        var fiveBands = ScoringModel.Create(new ExpansionScoringOptions
        {
            Bands = [new() { Name = "A", MinProbability = 90 }, new() { Name = "B", MinProbability = 70 }, new() { Name = "C", MinProbability = 50 }, new() { Name = "D", MinProbability = 30 }, new() { Name = "E", MinProbability = 0 }],
            Windows = new() { NowBands = ["A"], Next30Bands = ["B"], Next30RenewalBands = ["C"], Next60Bands = ["C"] },
        });
        var score = fiveBands.Score(TestData.Uniform(0), AsOf); // band E, index 4: the default model has four
        var accumulator = new PortfolioAccumulator(ScoringModel.Default, AsOf);

        var ex = Assert.Throws<ArgumentException>("score", () => accumulator.Add(score));

        Assert.StartsWith("The score does not come from this accumulator's model.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, accumulator.Count);
        accumulator.Add(ScoringModel.Default.Score(TestData.Uniform(0), AsOf)); // band 3 of 4 is fine
        Assert.Equal(1, accumulator.Count);
    }

    [Fact]
    public void TopNZero_ListsNoOffersButTheHeadlineStillNamesTheBest()
    {
        var portfolio = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, new PortfolioOptions { TopN = 0 });

        Assert.Empty(portfolio.TopOffers);
        Assert.StartsWith("Pitch Acme Corp next — $", portfolio.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void TopN_KeepsTheBestInRankOrder()
    {
        var portfolio = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, new PortfolioOptions { TopN = 1 });
        var all = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, new PortfolioOptions { TopN = 10 });

        Assert.Equal("acme", Assert.Single(portfolio.TopOffers).AccountId);
        Assert.Equal(["acme", "bolt"], all.TopOffers.Select(o => o.AccountId));
        Assert.True(all.TopOffers[0].Opportunity >= all.TopOffers[1].Opportunity);
    }

    [Fact]
    public void NoOffer_HeadlineSaysSo()
    {
        var portfolio = Portfolio.Create(ScoringModel.Default, [HandBook.Cirrus], AsOf);

        Assert.Equal("No offer on the table yet — nurture the book", portfolio.Headline);
        Assert.Equal(1, portfolio.Bands["Watch"].Count);
        Assert.Equal(0, portfolio.Gated.Count);
    }
}
