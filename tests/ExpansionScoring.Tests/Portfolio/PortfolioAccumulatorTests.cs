using System.Text.Json;
using ExpansionScoring.Probability;

namespace ExpansionScoring.Tests.Portfolios;

public class PortfolioAccumulatorTests
{
    private static readonly DateOnly AsOf = HandBook.AsOf;

    [Fact]
    public void Merge_TwoHalves_EqualsTheWhole()
    {
        var whole = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var left = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var right = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        foreach (var a in HandBook.Accounts)
        {
            whole.Add(a);
        }

        left.Add(HandBook.Acme);
        left.Add(HandBook.Cirrus);
        right.Add(HandBook.Bolt);
        right.Add(HandBook.Delta);

        left.Merge(right);

        Assert.Equal(4, left.Count);
        Assert.Equal(JsonSerializer.Serialize(whole.ToPortfolio()), JsonSerializer.Serialize(left.ToPortfolio()));
        Assert.Equal(2, right.Count); // other is unchanged
    }

    [Fact]
    public void Add_Score_SameAsAddAccount()
    {
        var byAccount = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        var byScore = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        foreach (var a in HandBook.Accounts)
        {
            byAccount.Add(a);
            byScore.Add(ScoringModel.Default.Score(a, AsOf));
        }

        Assert.Equal(JsonSerializer.Serialize(byAccount.ToPortfolio()), JsonSerializer.Serialize(byScore.ToPortfolio()));
    }

    [Fact]
    public void ToPortfolio_ThenAddMore_EarlierPortfolioUnchanged()
    {
        var acc = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        acc.Add(HandBook.Acme);
        var first = acc.ToPortfolio();

        acc.Add(HandBook.Bolt);

        Assert.Equal(1, first.AccountCount);
        Assert.Equal(2, acc.ToPortfolio().AccountCount);
    }

    [Fact]
    public void Add_DefaultScore_Throws()
        => Assert.Throws<ArgumentException>("score", () => new PortfolioAccumulator(ScoringModel.Default, AsOf).Add(default(AccountScore)));

    [Fact]
    public void Add_NullAccount_Throws()
        => Assert.Throws<ArgumentNullException>("account", () => new PortfolioAccumulator(ScoringModel.Default, AsOf).Add((Account)null!));

    [Fact]
    public void Constructor_NullModel_Throws()
        => Assert.Throws<ArgumentNullException>("model", () => new PortfolioAccumulator(null!, AsOf));

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new PortfolioOptions { TopN = -1 };
        options.ReportCard.SaturationThreshold = -1;
        options.ReportCard.TriggerBlindShare = 0.7;
        options.ReportCard.LetterScale = [new() { Letter = "A", MinScore = 90 }, new() { Letter = "A", MinScore = 120 }];

        var ex = Assert.Throws<ScoringConfigurationException>(() => new PortfolioAccumulator(ScoringModel.Default, AsOf, options));

        Assert.Equal(
            [
                "Portfolio:TopN must be >= 0, was -1.",
                "Portfolio:ReportCard:SaturationThreshold must be a finite number in 0..10, was -1.",
                "Portfolio:ReportCard:TriggerSystematicShare must be above TriggerBlindShare (0.7), was 0.6.",
                "Portfolio:ReportCard:LetterScale:1:Letter 'A' is given more than once.",
                "Portfolio:ReportCard:LetterScale:1:MinScore must be a finite number in 0..100, was 120.",
            ],
            ex.Errors);
    }

    [Fact]
    public void Merge_Null_Throws()
        => Assert.Throws<ArgumentNullException>("other", () => new PortfolioAccumulator(ScoringModel.Default, AsOf).Merge(null!));

    [Fact]
    public void Merge_Itself_Throws()
    {
        var acc = new PortfolioAccumulator(ScoringModel.Default, AsOf);
        Assert.Throws<ArgumentException>("other", () => acc.Merge(acc));
    }

    [Fact]
    public void Merge_OtherDate_Throws()
        => Assert.Throws<ArgumentException>("other", () => new PortfolioAccumulator(ScoringModel.Default, AsOf).Merge(new PortfolioAccumulator(ScoringModel.Default, AsOf.AddDays(1))));

    [Fact]
    public void Merge_OtherModel_Throws()
    {
        var other = new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform()).Build();
        Assert.Throws<ArgumentException>("other", () => new PortfolioAccumulator(ScoringModel.Default, AsOf).Merge(new PortfolioAccumulator(other, AsOf)));
    }

    [Fact]
    public void Merge_OtherOptions_Throws()
        => Assert.Throws<ArgumentException>("other", () => new PortfolioAccumulator(ScoringModel.Default, AsOf).Merge(new PortfolioAccumulator(ScoringModel.Default, AsOf, new PortfolioOptions { TopN = 3 })));
}
