using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Portfolios;

/// <summary>
/// A four-account book small enough to check by hand, default model (MidMarketBalanced, 5 + 0.9 × composite).
/// <code>
/// account  PF V  E  C  T   composite  p       band  offer        ARR      opportunity             window
/// Acme     92 90 80 85 70  86.10      82.49   Hot   Seats (0.92)  200,000  .8249×200k×.20 = 32,996  Now (T ≥ 60)
/// Bolt     50 80 75 60 30  61.25      60.125  Warm  Tier          100,000  .60125×100k×.45 = 27,056.25  Next30Days
/// Cirrus   30 40 30 20  0  27.50      29.75   Watch Nurture        50,000  0                        Next60Days
/// Delta    90 70 60 90 10  72.50      70.25   Warm  gated (health 40)  80,000  0                    Nurture
/// </code>
/// </summary>
public static class HandBook
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    public static Account Acme { get; } = new()
    {
        Id = "acme",
        Name = "Acme Corp",
        Arr = 200_000,
        SeatsPurchased = 100,
        SeatsActive = 92,
        Signals = SignalValues.Of(92, 90, 80, 85, 70),
    };

    public static Account Bolt { get; } = new()
    {
        Id = "bolt",
        Name = "Bolt Inc",
        Arr = 100_000,
        Signals = SignalValues.Of(50, 80, 75, 60, 30),
    };

    public static Account Cirrus { get; } = new()
    {
        Id = "cirrus",
        Name = "Cirrus",
        Arr = 50_000,
        Signals = SignalValues.Of(30, 40, 30, 20, 0),
    };

    public static Account Delta { get; } = new()
    {
        Id = "delta",
        Name = "Delta Ltd",
        Arr = 80_000,
        SeatsPurchased = 50,
        SeatsActive = 45,
        HealthScore = 40,
        Signals = SignalValues.Of(90, 70, 60, 90, 10),
    };

    public static IReadOnlyList<Account> Accounts { get; } = [Acme, Bolt, Cirrus, Delta];
}
