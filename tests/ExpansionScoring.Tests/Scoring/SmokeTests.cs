namespace ExpansionScoring.Tests.Scoring;

public class ScoringModelSmokeTests
{
    [Fact]
    public void Score_SpecWorkedExample_Tier72On96kIs31104()
    {
        // Composite c with 5 + 0.9c = 72 → c = 74.444…; all five signals equal to c gives exactly that composite.
        double c = (72 - 5) / 0.9;
        var account = new Account
        {
            Id = "mm-1",
            Arr = 96_000,
            Signals = ExpansionScoring.Signals.SignalValues.Of(c, c, c, c, c),
        };
        var score = ScoringModel.Default.Score(account, new DateOnly(2026, 11, 23));
        Assert.Equal(72, score.Probability, 9);
        Assert.Equal(OfferKind.Tier, score.Offer);
        Assert.Equal(31_104, score.Opportunity, 6);
    }
}
