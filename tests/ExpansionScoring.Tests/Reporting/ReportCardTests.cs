using ExpansionScoring.Reporting;
using ExpansionScoring.Signals;
using ExpansionScoring.Tests.Portfolios;

namespace ExpansionScoring.Tests.Reporting;

public class ReportCardTests
{
    private static readonly DateOnly AsOf = HandBook.AsOf;

    private static ReportCard Card(IEnumerable<Account> accounts, ReportCardOptions? options = null)
        => Portfolio.Create(ScoringModel.Default, accounts, AsOf, new PortfolioOptions { ReportCard = options ?? new() }).ReportCard;

    [Fact]
    public void Create_HandBook_DimensionsAsComputedByHand()
    {
        // See HandBook: ARR 430k; Hot + Warm ARR = Acme 200k + Bolt 100k + Delta 80k = 380k.
        var card = Card(HandBook.Accounts);

        AssertDimension(card, ReportDimension.AccountExpansion, 100 * 380.0 / 430, "B+");
        AssertDimension(card, ReportDimension.PipelineQuality, 100, "A+");     // all pipeline dollars are Hot/Warm
        AssertDimension(card, ReportDimension.PlanFitSaturation, 100, "A+");   // saturated: Acme (Now), Delta (gated)
        AssertDimension(card, ReportDimension.ChampionStrength, (85 + 60 + 20 + 90) / 4.0, "C-");
        AssertDimension(card, ReportDimension.TriggerCapture, 100, "A+");      // 3 of 4 (75 %) ≥ 60 %: systematic
        AssertDimension(card, ReportDimension.TimeToPitch, 100, "A+");         // the one Hot account is in Now
        AssertDimension(card, ReportDimension.Coverage, 100, "A+");            // 3 of 4 with a signal ≥ 60 → 180, capped

        double mean = ((100 * 380.0 / 430) + 100 + 100 + 63.75 + 100 + 100 + 100) / 7;
        Assert.Equal(mean, card.Score!.Value, 9);
        Assert.Equal("A", card.Grade);
        Assert.Equal(ReportDimension.ChampionStrength, card.Weakest);
        Assert.Equal(card.Get(ReportDimension.ChampionStrength).Advice, card.Advice);
    }

    [Fact]
    public void Create_HandBook_SaturatedZoneAndDataCoverage()
    {
        var card = Card(HandBook.Accounts);

        Assert.Equal(0.5, card.SaturatedShare); // Acme 0.92 and Delta 0.90 of four accounts with seat data (Bolt/Cirrus via PlanFit)
        Assert.True(card.IsSaturatedZone);
        Assert.False(card.InstrumentFirst);
        Assert.Equal(1, card.DataCoverage);
        Assert.All(card.SignalCoverage.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public void Create_HandBook_ArrWeightedChampion()
    {
        var card = Card(HandBook.Accounts);

        double expected = ((200_000 * 85) + (100_000 * 60) + (50_000 * 20) + (80_000 * 90)) / 430_000.0;
        Assert.Equal(expected, card.Get(ReportDimension.ChampionStrength).ArrWeightedScore!.Value, 9);
        Assert.Equal("C+", card.Get(ReportDimension.ChampionStrength).ArrWeightedGrade);
    }

    [Fact]
    public void Create_ThinBook_GradesAsComputedByHand()
    {
        // Ten Watch accounts with only PlanFit and Velocity: PF 20 / V 30 → composite 24.55 → p 27.09, Nurture;
        // one with V 65 → composite 40.45 → p 41.41, Tier, opportunity 0.4141 × 10,000 × 0.45.
        var book = Enumerable.Range(0, 10).Select(i => new Account
        {
            Id = $"t{i}",
            Arr = 10_000,
            Signals = SignalValues.Of(planFit: 20, velocity: i == 0 ? 65 : 30),
        }).ToList();

        var card = Card(book);

        AssertDimension(card, ReportDimension.AccountExpansion, 0, "F");
        AssertDimension(card, ReportDimension.PipelineQuality, 0, "F");
        AssertDimension(card, ReportDimension.PlanFitSaturation, 100, "A+");
        Assert.Null(card.Get(ReportDimension.ChampionStrength).Score);
        Assert.Equal("N/A", card.Get(ReportDimension.ChampionStrength).Grade);
        AssertDimension(card, ReportDimension.TriggerCapture, 0, "F");
        Assert.Null(card.Get(ReportDimension.TimeToPitch).Score);
        AssertDimension(card, ReportDimension.Coverage, 24, "F"); // 10 % × 60 / 25 %
        Assert.True(card.InstrumentFirst);
        Assert.Equal((0 + 0 + 100 + 0 + 24) / 5.0, card.Score!.Value, 9);
        Assert.Equal("F", card.Grade);
        Assert.Equal(ReportDimension.AccountExpansion, card.Weakest);
        Assert.Equal(0.55, card.DataCoverage!.Value, 9); // PlanFit 0.30 + Velocity 0.25 of the weight observed
        Assert.Equal(0, card.SignalCoverage["Champion"]);
        Assert.Contains("operating blind", card.Get(ReportDimension.TriggerCapture).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TriggerCapture_FortyPercent_Scores75()
    {
        // 2 of 5 with a trigger: 50 + 50 × (0.40 − 0.20) / (0.60 − 0.20) = 75.
        var book = Enumerable.Range(0, 5).Select(i => Plain($"t{i}", triggers: i < 2 ? 10 : 0));

        AssertDimension(Card(book), ReportDimension.TriggerCapture, 75, "B-");
    }

    [Fact]
    public void TriggerCapture_TenPercent_Scores25()
    {
        var book = Enumerable.Range(0, 10).Select(i => Plain($"t{i}", triggers: i < 1 ? 10 : 0));

        AssertDimension(Card(book), ReportDimension.TriggerCapture, 25, "F");
    }

    [Fact]
    public void Coverage_AQuarterOfTheBook_Scores60()
    {
        var book = Enumerable.Range(0, 4).Select(i => Plain($"c{i}", velocity: i == 0 ? 60 : 40));

        var card = Card(book);

        AssertDimension(card, ReportDimension.Coverage, 60, "C-");
        Assert.False(card.InstrumentFirst);
    }

    [Fact]
    public void PlanFitSaturation_OneOfFourSaturatedUnpitched_Scores68()
    {
        // u = 1/4 → 100 × (1 − 0.25 / 0.80) = 68.75; saturated share 25 % is not the Saturated zone.
        var book = Enumerable.Range(0, 4).Select(i => Plain($"s{i}") with { SeatsPurchased = 100, SeatsActive = i == 0 ? 90 : 50 });

        var card = Card(book);

        AssertDimension(card, ReportDimension.PlanFitSaturation, 68.75, "C");
        Assert.Equal(0.25, card.SaturatedShare);
        Assert.False(card.IsSaturatedZone);
    }

    [Fact]
    public void TimeToPitch_OneOfTwoHotInNow_Scores50AndArrWeighted75()
    {
        Account[] book =
        [
            new() { Id = "now", Arr = 300_000, Signals = SignalValues.Of(90, 90, 90, 90, 90) },  // Hot, Triggers ≥ 60 → Now
            new() { Id = "later", Arr = 100_000, Signals = SignalValues.Of(95, 95, 95, 95, 40) }, // Hot, Triggers < 60 → Next30Days
        ];

        var dim = Card(book).Get(ReportDimension.TimeToPitch);

        Assert.Equal(50, dim.Score);
        Assert.Equal("D", dim.Grade);
        Assert.Equal(75, dim.ArrWeightedScore);
    }

    [Fact]
    public void Options_StricterMeaningfulSignal_LowersCoverage()
    {
        var book = Enumerable.Range(0, 4).Select(i => Plain($"c{i}", velocity: i == 0 ? 60 : 40));

        var card = Card(book, new ReportCardOptions { MeaningfulSignal = 61 });

        AssertDimension(card, ReportDimension.Coverage, 0, "F");
        Assert.True(card.InstrumentFirst);
    }

    [Theory]
    [InlineData(100, "A+")]
    [InlineData(97, "A+")]
    [InlineData(96.99, "A")]
    [InlineData(93, "A")]
    [InlineData(90, "A-")]
    [InlineData(85, "B+")]
    [InlineData(80, "B")]
    [InlineData(75, "B-")]
    [InlineData(70, "C+")]
    [InlineData(65, "C")]
    [InlineData(60, "C-")]
    [InlineData(59.99, "D")]
    [InlineData(50, "D")]
    [InlineData(49.99, "F")]
    [InlineData(0, "F")]
    public void LetterFor_SpecScale(double score, string letter) => Assert.Equal(letter, ReportCard.LetterFor(score));

    [Fact]
    public void LetterFor_CustomScale_UsesIt()
    {
        var options = new ReportCardOptions { LetterScale = [new() { Letter = "Pass", MinScore = 50 }, new() { Letter = "Fail", MinScore = 0 }] };

        Assert.Equal("Pass", ReportCard.LetterFor(50, options));
        Assert.Equal("Fail", ReportCard.LetterFor(49, options));
    }

    [Fact]
    public void LetterFor_NaN_Throws() => Assert.Throws<ArgumentOutOfRangeException>("score", () => ReportCard.LetterFor(double.NaN));

    [Fact]
    public void Validate_Defaults_NoProblems() => Assert.Empty(new ReportCardOptions().Validate());

    [Fact]
    public void Validate_EveryBadValue_ListsEachByKey()
    {
        var options = new ReportCardOptions
        {
            ExpansionBandMinProbability = double.NaN,
            SaturatedZoneShare = 2,
            SaturationZeroPointsShare = 0,
            TriggerMinSignal = -1,
            TriggerSystematicShare = 0.1,
            MeaningfulSignal = 101,
            CoverageAnchorShare = 0,
            CoverageAnchorPoints = 0,
            InstrumentFirstBelow = -5,
            LetterScale = [],
        };

        Assert.Equal(
            [
                "ReportCard:ExpansionBandMinProbability must be a finite number in 0..100, was NaN.",
                "ReportCard:SaturatedZoneShare must be a finite number in 0..1, was 2.",
                "ReportCard:SaturationZeroPointsShare must be a finite number above 0 and at most 1, was 0.",
                "ReportCard:TriggerMinSignal must be a finite number in 0..100, was -1.",
                "ReportCard:TriggerSystematicShare must be above TriggerBlindShare (0.2), was 0.1.",
                "ReportCard:MeaningfulSignal must be a finite number in 0..100, was 101.",
                "ReportCard:CoverageAnchorShare must be a finite number above 0 and at most 1, was 0.",
                "ReportCard:CoverageAnchorPoints must be a finite number above 0 and at most 100, was 0.",
                "ReportCard:InstrumentFirstBelow must be a finite number in 0..100, was -5.",
                "ReportCard:LetterScale must have at least one letter.",
            ],
            options.Validate());
    }

    private static Account Plain(string id, double velocity = 40, double triggers = 0)
        => new() { Id = id, Arr = 10_000, Signals = SignalValues.Of(planFit: 40, velocity: velocity, engagement: 40, champion: 40, triggers: triggers) };

    private static void AssertDimension(ReportCard card, ReportDimension dimension, double score, string grade)
    {
        var d = card.Get(dimension);
        Assert.Equal(dimension, d.Dimension);
        Assert.NotNull(d.Score);
        Assert.Equal(score, d.Score.Value, 9);
        Assert.Equal(grade, d.Grade);
    }
}
