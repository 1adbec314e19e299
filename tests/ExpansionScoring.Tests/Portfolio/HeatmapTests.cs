namespace ExpansionScoring.Tests.Portfolios;

public class HeatmapTests
{
    private static readonly IReadOnlyList<HeatmapCell> Cells = Heatmap.Build(ScoringModel.Default, HandBook.Accounts, HandBook.AsOf);

    [Fact]
    public void Build_HandBook_ByProbabilityHighestFirst()
        => Assert.Equal(["acme", "delta", "bolt", "cirrus"], Cells.Select(c => c.AccountId));

    [Theory]
    [InlineData("Arr", true, new[] { "acme", "bolt", "delta", "cirrus" })]
    [InlineData("arr", false, new[] { "cirrus", "delta", "bolt", "acme" })]
    [InlineData("Opportunity", true, new[] { "acme", "bolt", "cirrus", "delta" })]
    [InlineData("Probability", false, new[] { "cirrus", "bolt", "delta", "acme" })]
    [InlineData("Champion", true, new[] { "delta", "acme", "bolt", "cirrus" })]
    [InlineData("velocity", false, new[] { "cirrus", "delta", "bolt", "acme" })]
    public void Sort_ByKey_Ordered(string by, bool descending, string[] expected)
        => Assert.Equal(expected, Heatmap.Sort(Cells, by, descending).Select(c => c.AccountId));

    [Fact]
    public void Sort_UnknownSignal_KeepsAccountIdOrder()
        => Assert.Equal(["acme", "bolt", "cirrus", "delta"], Heatmap.Sort(Cells, "Nps").Select(c => c.AccountId));

    [Fact]
    public void Sort_InvalidKey_Throws()
        => Assert.Throws<ArgumentException>("by", () => Heatmap.Sort(Cells, "not a key!"));

    [Fact]
    public void Sort_NullCells_Throws()
        => Assert.Throws<ArgumentNullException>("cells", () => Heatmap.Sort(null!, "Arr"));

    [Fact]
    public void Build_NullModel_Throws()
        => Assert.Throws<ArgumentNullException>("model", () => Heatmap.Build(null!, HandBook.Accounts, HandBook.AsOf));
}
