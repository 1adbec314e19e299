using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Pitch;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Pitch;

/// <summary>SPEC §14: a talk track tailored to the loudest signal and a five-part business case; never a pitch for a gated account.</summary>
public class PitchScriptBuilderTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    private static Account Book(
        string id, double planFit, double velocity, double engagement, double champion, double triggers,
        Segment segment = Segment.MidMarket, string plan = "Pro", double arr = 180_000, (int Purchased, int Active)? seats = null,
        int days = 150, double health = 88, int tickets = 0)
        => new()
        {
            Id = id,
            Name = id + " Inc",
            Segment = segment,
            Plan = plan,
            Arr = arr,
            Signals = SignalValues.Of(planFit, velocity, engagement, champion, triggers),
            SeatsPurchased = seats?.Purchased,
            SeatsActive = seats?.Active,
            DaysToRenewal = days,
            HealthScore = health,
            OpenP1P2Tickets = tickets,
            ContractStartDate = AsOf.AddMonths(-24),
        };

    private static PitchScript Build(Account account) => PitchScriptBuilder.Default.Build(ScoringModel.Default, account, AsOf);

    private static string Section(PitchScript script, string heading) => script.Sections.Single(s => s.Heading == heading).Text;

    [Fact]
    public void Build_Seats_OpensOnTheSeatCountsAndMakesTheFivePartCase()
    {
        var account = Book("acme", 92, 90, 84, 88, 80, seats: (88, 81));
        var explained = ScoringModel.Default.Explain(account, AsOf);
        var script = Build(account);

        Assert.Equal(OfferKind.Seats, explained.Offer);
        Assert.Equal(PitchScriptKind.Pitch, script.Kind);
        Assert.Equal("I noticed your team is using 81 of its 88 seats — want to talk about what Add 28 seats looks like for acme Inc?", script.Opening);
        Assert.Equal(["Current state", "Constraint", "Future state", "Value", "Risk of inaction", "When"], script.Sections.Select(s => s.Heading));
        Assert.Contains("on Pro at $180K ARR and 84 % likely", Section(script, "Current state"), StringComparison.Ordinal);
        Assert.Contains("81 of 88 seats are in use", Section(script, "Current state"), StringComparison.Ordinal);
        Assert.StartsWith(explained.Rationale, Section(script, "Constraint"), StringComparison.Ordinal);
        Assert.Contains("7 seats left before the ceiling", Section(script, "Constraint"), StringComparison.Ordinal);
        Assert.Contains("Add 28 seats", Section(script, "Future state"), StringComparison.Ordinal);
        double priceStep = 180_000 * 0.20;
        Assert.Equal($"Add 28 seats is a {Money.Compact(priceStep)} step in ARR; at 84 % likelihood it is worth {Money.Compact(explained.Opportunity)} now.", Section(script, "Value"));
        Assert.Contains("seat ceiling", Section(script, "Risk of inaction"), StringComparison.Ordinal);
        Assert.Equal(explained.WindowReason.TrimEnd('.') + ".", Section(script, "When"));
        Assert.Contains("this week", Section(script, "When"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(88, 81, " 7 seats left before the ceiling.")]
    [InlineData(20, 19, " 1 seat left before the ceiling.")]
    [InlineData(20, 20, " No seats left before the ceiling.")]
    [InlineData(20, 23, " No seats left before the ceiling.")]
    public void Build_Seats_ConstraintCountsTheSeatsLeft(int purchased, int active, string expected)
    {
        var script = Build(Book("s", 92, 90, 84, 88, 80, seats: (purchased, active)));

        Assert.EndsWith(expected, Section(script, "Constraint"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Tier_WithoutSeatCounts_FallsBackToTheDefaultOpening()
    {
        var account = Book("helix", 55, 50, 40, 45, 30, segment: Segment.Enterprise, arr: 60_000);
        var script = Build(account);

        Assert.Equal(PitchScriptKind.Pitch, script.Kind);
        Assert.Equal("I noticed helix Inc's PlanFit is at 55/100 — want to talk about what Upgrade Pro → Enterprise looks like for you?", script.Opening);
        Assert.Contains("Upgrade Pro → Enterprise lifts the plan's limits", Section(script, "Future state"), StringComparison.Ordinal);
        Assert.Contains("outgrowing Pro's limits", Section(script, "Risk of inaction"), StringComparison.Ordinal);
        Assert.Equal($"Upgrade Pro → Enterprise is a {Money.Compact(60_000 * 0.45)} step in ARR; at 47 % likelihood it is worth $13K now.", Section(script, "Value"));
    }

    [Fact]
    public void Build_AddOn_OpensOnTheTriggerEvent()
    {
        var account = Book("umbra", 60, 60, 60, 60, 95, segment: Segment.Enterprise);
        var script = Build(account);

        Assert.Equal(OfferKind.AddOn, ScoringModel.Default.Explain(account, AsOf).Offer);
        Assert.Equal(PitchScriptKind.Pitch, script.Kind);
        Assert.Contains("Add-on package", Section(script, "Future state"), StringComparison.Ordinal);
        Assert.Contains("point solution", Section(script, "Risk of inaction"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MultiYear_NamesTheDaysToRenewal()
    {
        var account = Book("initech", 60, 60, 60, 95, 50, days: 45);
        var script = Build(account);

        Assert.Equal(OfferKind.MultiYear, ScoringModel.Default.Explain(account, AsOf).Offer);
        Assert.Equal("You have been a strong advocate for us at initech Inc (champion 95/100) — can we look together at what Multi-year renewal would mean for your team?", script.Opening);
        Assert.Contains("Renewal is 45 days away", Section(script, "Risk of inaction"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Gated_IsAFixFirstScriptNamingTheGateNeverAPitch()
    {
        var account = Book("stark", 92, 90, 84, 88, 80, seats: (88, 81), health: 45, tickets: 2);
        var script = Build(account);

        Assert.Equal(PitchScriptKind.FixFirst, script.Kind);
        Assert.Contains("fix first — health score 45 is below 60; 2 open P1/P2 ticket(s), at most 0 allowed", script.Opening, StringComparison.Ordinal);
        Assert.Equal(["health score 45 is below 60", "2 open P1/P2 ticket(s), at most 0 allowed"], script.Sections.Select(s => s.Text));
        Assert.DoesNotContain("Add 28 seats", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Value", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Nurture_IsANurtureNote()
    {
        var account = Book("cold", 20, 10, 15, 35, 5);
        var script = Build(account);

        Assert.Equal(PitchScriptKind.Nurture, script.Kind);
        Assert.Equal("No pitch for cold Inc yet (21 %, Cold): keep adding value and build on its strongest signal, Champion at 35/100, until it is ready.", script.Opening);
        Assert.Equal("Why no offer yet", Assert.Single(script.Sections).Heading);
    }

    [Fact]
    public void Build_CustomTemplates_AreFilledFromTheAccount()
    {
        var options = new PitchScriptOptions { FixFirst = "Hold {name}: {gate}." };
        options.Openings["PlanFit"] = "{seats_active}/{seats_purchased} seats ({saturation}) — {{literal}}";
        options.Offers[OfferKind.Seats].FutureState = "{offer}: {seats_to_add} more seats for {opportunity} ({window})";
        var builder = new PitchScriptBuilder(options);
        var account = Book("acme", 92, 90, 84, 88, 80, seats: (88, 81));

        var script = builder.Build(ScoringModel.Default, account, AsOf);

        Assert.Equal("81/88 seats (92 %) — {literal}", script.Opening);
        Assert.Equal("Add 28 seats: 28 more seats for $30K (this week)", Section(script, "Future state"));
        Assert.Equal("Hold g Inc: health score 10 is below 60.", builder.Build(ScoringModel.Default, Book("g", 50, 50, 50, 50, 50, health: 10), AsOf).Opening);
    }

    [Theory]
    [InlineData("Openings", "Hi {nmae}", "Pitch template Openings[PlanFit]: unknown placeholder {nmae}")]
    [InlineData("Openings", "Hi {name", "Pitch template Openings[PlanFit]: '{' at position 4 is never closed")]
    [InlineData("Openings", "Hi name}", "Pitch template Openings[PlanFit]: '}' at position 8 has no opening brace")]
    [InlineData("FixFirst", "Fix {name} first", "Pitch template FixFirst must contain the placeholder {gate}")]
    [InlineData("Nurture", "Later.", "Pitch template Nurture must contain the placeholder {name}")]
    [InlineData("FutureState", "More seats for {opportunity}", "Pitch template Offers[Seats].FutureState must contain the placeholder {offer}")]
    [InlineData("DefaultOpening", " ", "Pitch template DefaultOpening is empty")]
    public void New_BadTemplate_IsAConfigurationErrorNamingIt(string which, string template, string expected)
    {
        var options = new PitchScriptOptions();
        switch (which)
        {
            case "Openings": options.Openings["PlanFit"] = template; break;
            case "FixFirst": options.FixFirst = template; break;
            case "Nurture": options.Nurture = template; break;
            case "FutureState": options.Offers[OfferKind.Seats].FutureState = template; break;
            default: options.DefaultOpening = template; break;
        }

        var error = Assert.Throws<ScoringConfigurationException>(() => new PitchScriptBuilder(options));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_MissingOrNurtureOfferKind_IsAConfigurationError()
    {
        var options = new PitchScriptOptions();
        options.Offers.Remove(OfferKind.Tier);
        options.Offers[OfferKind.Nurture] = new OfferPitchTemplate { FutureState = "{offer}", RiskOfInaction = "none" };

        var error = Assert.Throws<ScoringConfigurationException>(() => new PitchScriptBuilder(options));

        Assert.Contains("Pitch template Offers[Tier] is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pitch template Offers[Nurture] is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Errors.Count);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Build_AnyAccount_GatedFixFirstNurtureNoteOrAFullCaseWithItsOwnDollars(Account account)
    {
        var explained = ScoringModel.Default.Explain(account, AsOf);
        var script = PitchScriptBuilder.Default.Build(explained, account, AsOf);

        Assert.Equal(account.Id, script.AccountId);
        Assert.DoesNotContain("{", script.Text, StringComparison.Ordinal);
        if (explained.IsGated)
        {
            Assert.Equal(PitchScriptKind.FixFirst, script.Kind);
            Assert.All(explained.Gates.Where(g => g.Status == GateStatus.Blocked), g => Assert.Contains(g.Detail, script.Opening, StringComparison.Ordinal));
            Assert.DoesNotContain(explained.OfferLabel, script.Text, StringComparison.Ordinal);
        }
        else if (explained.Offer == OfferKind.Nurture)
        {
            Assert.Equal(PitchScriptKind.Nurture, script.Kind);
        }
        else
        {
            Assert.Equal(PitchScriptKind.Pitch, script.Kind);
            Assert.Equal(6, script.Sections.Count);
            Assert.Contains(Money.Compact(explained.Opportunity), Section(script, "Value"), StringComparison.Ordinal);
            Assert.Contains(explained.OfferLabel, Section(script, "Future state"), StringComparison.Ordinal);
        }
    }

    public static class Arbitraries
    {
        public static Arbitrary<Account> Account() => Generators.Account.ToArbitrary();
    }
}
