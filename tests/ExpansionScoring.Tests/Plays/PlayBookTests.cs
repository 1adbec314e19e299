using ExpansionScoring.History;
using ExpansionScoring.Plays;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Plays;

public class PlayBookTests
{
    private static readonly DateOnly Before = new(2026, 11, 16);
    private static readonly DateOnly After = new(2026, 11, 23);

    private static Account Warm(string id, double arr) => new() { Id = id, Name = id.ToUpperInvariant(), Arr = arr, Plan = "Growth", HealthScore = 80, Signals = SignalValues.Of(60, 60, 60, 60, 60) };

    private static BookChanges Compare(IEnumerable<Account> earlier, IEnumerable<Account> later)
        => BookChanges.Compare(BookSnapshot.Create(ScoringModel.Default, earlier, Before), BookSnapshot.Create(ScoringModel.Default, later, After));

    [Fact]
    public void DefaultTasks_FollowTheSourcePlays_OrderedByDueThenDollars()
    {
        var hotSignals = SignalValues.Of(95, 95, 95, 95, 95);
        Account[] earlier =
        [
            Warm("small-hot", 10_000),
            Warm("big-hot", 500_000),
            Warm("gated", 90_000) with { HealthScore = 40 },
            Warm("seats", 50_000) with { SeatsPurchased = 100, SeatsActive = 70 },
            Warm("renewal", 60_000) with { RenewalDate = After.AddDays(88) },
            Warm("invites", 70_000) with { Telemetry = new AccountTelemetry { TriggerEvents = [] } },
            Warm("quiet", 80_000),
        ];
        Account[] later =
        [
            earlier[0] with { Signals = hotSignals },
            earlier[1] with { Signals = hotSignals },
            earlier[2] with { HealthScore = 75 },
            earlier[3] with { SeatsActive = 85 },
            earlier[4],
            earlier[5] with { Telemetry = new AccountTelemetry { TriggerEvents = [new(TriggerEventKind.TeamInviteBurst, After.AddDays(-1))] } },
            earlier[6],
            Warm("arrives-hot", 1_000) with { Signals = hotSignals },
        ];

        var tasks = PlayBook.Default.Tasks(Compare(earlier, later));

        // Renewal 95 days out on the 16th is 88 days out on the 23rd: inside 90, not yet 60; same-day ties go by dollars.
        Assert.Equal(
            [
                ("seats", "usageAlert:80", "CS automation", After.AddDays(1)),
                ("invites", "newTrigger:TeamInviteBurst", "SDR", After.AddDays(3)),
                ("big-hot", "becameHot", "CSM", After.AddDays(7)),
                ("gated", "gateCleared", "CSM", After.AddDays(7)),
                ("renewal", "renewalWithin:90", "CSM + AE", After.AddDays(7)),
                ("small-hot", "becameHot", "CSM", After.AddDays(7)),
                ("arrives-hot", "becameHot", "CSM", After.AddDays(7)),
            ],
            tasks.Select(t => (t.AccountId, t.Event, t.Owner, t.Due)));
        Assert.True(tasks.Skip(2).Zip(tasks.Skip(3)).All(p => p.First.Opportunity >= p.Second.Opportunity));
        Assert.Equal("BIG-HOT", tasks[2].Name);
    }

    [Fact]
    public void Tasks_OwnerKnown_TakesTheAccountsOwnerElseTheRole()
    {
        var changes = Compare([Warm("a", 1), Warm("b", 1)], [Warm("a", 1) with { Signals = SignalValues.Of(95, 95, 95, 95, 95) }, Warm("b", 1) with { Signals = SignalValues.Of(95, 95, 95, 95, 95) }]);

        var tasks = PlayBook.Default.Tasks(changes, id => id == "a" ? "Dana Reyes" : " ");

        Assert.Equal([("a", "Dana Reyes"), ("b", "CSM")], tasks.Select(t => (t.AccountId, t.Owner)));
    }

    [Fact]
    public void FromJson_CustomPlays_ReplaceTheDefaults()
    {
        var book = PlayBook.FromJson("""
            // the team's plays
            {"plays": [
              {"event": "DEMOTED", "action": "save call", "owner": "CSM", "due": "2d"},
              {"event": "gateBlocked", "action": "hold outreach", "owner": "AE", "due": "12 hours"},
              {"event": "promoted", "action": "check in", "owner": "AE", "due": "2 weeks"},
            ]}
            """);

        var changes = Compare([Warm("x", 5_000)], [Warm("x", 5_000) with { HealthScore = 10, Signals = SignalValues.Of(20, 20, 20, 20, 20) }]);
        var tasks = book.Tasks(changes);

        Assert.Equal(3, book.Plays.Count);
        Assert.Equal([("gateBlocked", After.AddDays(1)), ("demoted", After.AddDays(2))], tasks.Select(t => (t.Event, t.Due)));
    }

    [Fact]
    public void FromJson_EveryProblemListed()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => PlayBook.FromJson("""
            {"plays": [
              {"event": "becameWarm", "action": "x", "owner": "CSM", "due": "1 week"},
              {"event": "newTrigger:Lottery", "action": "", "owner": "CSM", "due": "soon"},
              {"event": "usageAlert:eighty", "action": "x", "due": "1w", "colour": "red"},
              {"event": "renewalWithin", "action": "x", "owner": "CSM", "due": 7},
              "becameHot"
            ], "version": 2}
            """));

        Assert.Equal(
            [
                "version: unknown setting (a plays file has one: plays)",
                "plays[0].event: 'becameWarm' is not an event (expected becameHot, promoted, demoted, gateCleared, gateBlocked, newTrigger:<kind>, usageAlert:<percent> or renewalWithin:<days>)",
                "plays[1].event: 'newTrigger:Lottery': 'Lottery' is not a trigger event kind (expected one of FundingRound, ChampionPromotion, HiringSpree, IntegrationGoLive, UsageLimitHit, SeatThresholdCrossed, PremiumFeatureAttempted, NewDepartmentActive, TeamInviteBurst)",
                "plays[1].action: missing (what to do, such as \"expansion outreach\")",
                "plays[1].due: 'soon' is not a time (expected a whole number of hours, days or weeks up to a year, such as \"24 hours\", \"3 days\", \"1 week\", \"48h\")",
                "plays[2].colour: unknown setting (expected event, action, owner, due)",
                "plays[2].event: 'usageAlert:eighty': 'eighty' is not a whole percent in 1..1000",
                "plays[2].owner: missing (a role, such as \"CSM\")",
                "plays[3].due: expected a string, found Number",
                "plays[3].event: 'renewalWithin': renewalWithin needs an argument (renewalWithin:<days>)",
                "plays[3].due: missing (such as \"24 hours\", \"3 days\" or \"1 week\")",
                "plays[4]: expected an object {\"event\", \"action\", \"owner\", \"due\"}, found String",
            ],
            ex.Errors);
    }

    [Theory]
    [InlineData("{", "not valid JSON at line 1")]
    [InlineData("{\"plays\": 3}", "plays: expected an array of plays")]
    public void FromJson_NotAPlaysFile_SaysWhy(string json, string expected)
        => Assert.StartsWith(expected, Assert.Single(Assert.Throws<ScoringConfigurationException>(() => PlayBook.FromJson(json)).Errors), StringComparison.Ordinal);

    [Fact]
    public void Create_InvalidPlays_ListsEveryProblem()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => PlayBook.Create(
        [
            new Play { Event = "becameHot", Action = "x", Owner = "CSM", Due = "400 days" },
            new Play { Event = "promoted:3", Action = "x", Owner = "", Due = "1d" },
        ]));

        Assert.Equal(3, ex.Errors.Count);
        Assert.StartsWith("plays[0].due: '400 days' is not a time", ex.Errors[0], StringComparison.Ordinal);
        Assert.Equal("plays[1].event: 'promoted:3': promoted takes no argument", ex.Errors[1]);
        Assert.StartsWith("plays[1].owner: missing", ex.Errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Default_HasTheNineSourcePlays()
        => Assert.Equal(
            ["usageAlert:80", "newTrigger:PremiumFeatureAttempted", "newTrigger:IntegrationGoLive", "newTrigger:TeamInviteBurst", "renewalWithin:90", "renewalWithin:60", "renewalWithin:30", "becameHot", "gateCleared"],
            PlayBook.Default.Plays.Select(p => p.Event));
}
