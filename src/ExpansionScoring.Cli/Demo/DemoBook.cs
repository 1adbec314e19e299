using ExpansionScoring.Signals;

namespace ExpansionScoring.Cli.Demo;

/// <summary>
/// The built-in demo book: eight accounts that reproduce the reference calculator's headline in SPEC §11 under the
/// default rules — 556K ARR and 98K pipeline; Hot 2 / 276K / 45K; Warm 3 / 168K / 29K; Watch 3 / 112K / 24K; Cold 0 —
/// and its top three offers in order: Acme Corp "Add 28 seats" (81 of 88 seats, p84, 30K), Volt Industries "Add 23
/// seats" (67 of 73 seats, p76, 15K), Helix BioTech "Upgrade Pro → Enterprise" (p47, 13K); every other account's
/// opportunity lies below Helix's. Signals are given directly, as the calculator takes them, and renewals as days, so
/// the figures do not depend on the as-of date; every gate has its data and passes.
/// </summary>
internal static class DemoBook
{
    /// <summary>Creates the demo accounts; <paramref name="asOf"/> only places the contract start dates (all well past six months).</summary>
    public static IReadOnlyList<Account> Create(DateOnly asOf) =>
    [
        Account("acme", "Acme Corp", Segment.MidMarket, "Pro", 180_000, 92, 90, 84, 88, 80, days: 150, seats: (88, 81), health: 88, tenureMonths: 26, asOf),
        Account("volt", "Volt Industries", Segment.MidMarket, "Growth", 96_000, 92, 88, 72, 68, 49, days: 210, seats: (73, 67), health: 81, tenureMonths: 19, asOf),
        Account("northwind", "Northwind Traders", Segment.MidMarket, "Growth", 49_000, 58, 62, 52, 48, 45, days: 160, seats: null, health: 77, tenureMonths: 14, asOf),
        Account("globex", "Globex Retail", Segment.SMB, "Starter", 49_000, 80, 50, 45, 40, 35, days: 240, seats: (50, 40), health: 74, tenureMonths: 31, asOf),
        Account("initech", "Initech", Segment.MidMarket, "Pro", 70_000, 84, 75, 68, 88, 50, days: 45, seats: null, health: 83, tenureMonths: 35, asOf),
        Account("helix", "Helix BioTech", Segment.Enterprise, "Pro", 60_000, 55, 50, 40, 45, 30, days: 200, seats: null, health: 69, tenureMonths: 22, asOf),
        Account("umbrella", "Umbrella Health", Segment.SMB, "Starter", 28_000, 50, 48, 45, 50, 40, days: 120, seats: null, health: 66, tenureMonths: 12, asOf),
        Account("stark", "Stark Logistics", Segment.MidMarket, "Growth", 24_000, 48, 44, 42, 46, 46, days: 40, seats: null, health: 71, tenureMonths: 17, asOf),
    ];

    private static Account Account(
        string id, string name, Segment segment, string plan, double arr,
        double planFit, double velocity, double engagement, double champion, double triggers,
        int days, (int Purchased, int Active)? seats, double health, int tenureMonths, DateOnly asOf)
        => new()
        {
            Id = id,
            Name = name,
            Segment = segment,
            Plan = plan,
            Arr = arr,
            Signals = SignalValues.Of(planFit, velocity, engagement, champion, triggers),
            SeatsPurchased = seats?.Purchased,
            SeatsActive = seats?.Active,
            DaysToRenewal = days,
            HealthScore = health,
            OpenP1P2Tickets = 0,
            ContractStartDate = asOf.AddMonths(-tenureMonths),
        };
}
