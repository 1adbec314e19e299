using ExpansionScoring.Bands;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Bands;

/// <summary>SPEC §5: bands read from the probability, at every edge, and configurable.</summary>
public class BandDefinitionTests
{
    private static readonly ScoringModel Identity = TestData.IdentityModel();

    [Theory]
    [InlineData(95, "Hot")]
    [InlineData(75, "Hot")]
    [InlineData(74.99, "Warm")]
    [InlineData(50, "Warm")]
    [InlineData(49.99, "Watch")]
    [InlineData(25, "Watch")]
    [InlineData(24.99, "Cold")]
    [InlineData(5, "Cold")]
    public void Score_ProbabilityAtEdge_LandsInSpecBand(double probability, string band)
    {
        // The identity transform makes probability = composite = the uniform signal value.
        var score = Identity.Score(TestData.Uniform(probability), TestData.AsOf);
        Assert.Equal(probability, score.Probability, 12);
        Assert.Equal(band, score.Band.Name);
    }

    [Theory]
    [InlineData(75, "Hot")]
    [InlineData(74.99, "Warm")]
    [InlineData(50, "Warm")]
    [InlineData(49.99, "Watch")]
    [InlineData(25, "Watch")]
    [InlineData(24.99, "Cold")]
    public void Score_DefaultTransformAtEdge_LandsInSpecBand(double probability, string band)
    {
        var score = ScoringModel.Default.Score(TestData.Uniform(TestData.CompositeFor(probability)), TestData.AsOf);
        Assert.Equal(probability, score.Probability, 9);
        Assert.Equal(band, score.Band.Name);
    }

    [Fact]
    public void Score_BandReadFromProbabilityNotComposite()
    {
        // Composite 77 is above 75, but the probability shown is 5 + 0.9 × 77 = 74.3: Warm, agreeing with the number.
        var score = ScoringModel.Default.Score(TestData.Uniform(77), TestData.AsOf);
        Assert.Equal(74.3, score.Probability, 9);
        Assert.Equal("Warm", score.Band.Name);
        Assert.Equal(1, score.BandIndex);
    }

    [Fact]
    public void Defaults_AreHotWarmWatchCold()
    {
        Assert.Equal(["Hot", "Warm", "Watch", "Cold"], BandDefinition.Defaults.Select(b => b.Name));
        Assert.Equal([75.0, 50.0, 25.0, 0.0], BandDefinition.Defaults.Select(b => b.MinProbability));
        Assert.Equal(BandDefinition.Defaults.Select(b => b.Name), ScoringModel.Default.Bands.Select(b => b.Name));
    }

    [Theory]
    [InlineData(80, "Expansion-ready")]
    [InlineData(75, "Expansion-ready")]
    [InlineData(74.9, "Expansion-likely")]
    [InlineData(50, "Expansion-likely")]
    [InlineData(49.9, "Expansion-potential")]
    [InlineData(25, "Expansion-potential")]
    [InlineData(24.9, "Not ready")]
    public void Score_CustomBandNames_Used(double probability, string band)
    {
        var model = TestData.IdentityModel(o => o.Bands =
        [
            new BandOptions { Name = "Expansion-ready", MinProbability = 75 },
            new BandOptions { Name = "Expansion-likely", MinProbability = 50 },
            new BandOptions { Name = "Expansion-potential", MinProbability = 25 },
            new BandOptions { Name = "Not ready", MinProbability = 0 },
        ]);
        Assert.Equal(band, model.Score(TestData.Uniform(probability), TestData.AsOf).Band.Name);
    }

    [Theory]
    [InlineData(90, "Top", 0)]
    [InlineData(60, "Top", 0)]
    [InlineData(59.99, "Rest", 1)]
    [InlineData(5, "Rest", 1)]
    public void Score_CustomBandCountAndThresholds_Used(double probability, string band, int index)
    {
        var model = TestData.IdentityModel(o => o.Bands =
        [
            new BandOptions { Name = "Top", MinProbability = 60 },
            new BandOptions { Name = "Rest", MinProbability = 0 },
        ]);
        var score = model.Score(TestData.Uniform(probability), TestData.AsOf);
        Assert.Equal(band, score.Band.Name);
        Assert.Equal(index, score.BandIndex);
    }

    [Fact]
    public void Create_BandsNotDescendingOrDuplicate_ListsEveryProblem()
    {
        var ex = InvariantCulture.Run(() => Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(new ExpansionScoringOptions
        {
            Bands =
            [
                new BandOptions { Name = "A", MinProbability = 50 },
                new BandOptions { Name = "a", MinProbability = 60 },
                new BandOptions { Name = " ", MinProbability = double.NaN },
            ],
            Windows = new WindowOptions { NowBands = ["A"], Next30Bands = ["A"], Next30RenewalBands = [], Next60Bands = [] },
        })));
        Assert.Equal(
            [
                "Bands:1:Name 'a' is used twice.",
                "Bands:1:MinProbability must be below the band before it (50), was 60; list bands highest first.",
                "Bands:2:Name must not be empty.",
                "Bands:2:MinProbability must be a finite number, was NaN.",
            ],
            ex.Errors);
    }

    [Fact]
    public void Create_NoBands_IsAProblem()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => ScoringModel.Create(new ExpansionScoringOptions
        {
            Bands = [],
            Windows = new WindowOptions { NowBands = [], Next30Bands = [], Next30RenewalBands = [], Next60Bands = [] },
        }));
        Assert.Equal(["Bands must list at least one band."], ex.Errors);
    }

    [Fact]
    public void Ctor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new BandDefinition(null!, 10));
        Assert.Throws<ArgumentException>(() => new BandDefinition(" ", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BandDefinition("Hot", double.NaN));
    }
}
