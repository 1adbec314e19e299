using ExpansionScoring.Signals;
using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;

// Not "ExpansionScoring.Tests.Portfolio": a namespace of that name would hide the ExpansionScoring.Portfolio type.
namespace ExpansionScoring.Tests.Portfolios;

/// <summary>A book of accounts with unique ids, for the portfolio and history properties.</summary>
public sealed record Book(IReadOnlyList<Account> Accounts)
{
    public override string ToString() => $"{Accounts.Count} accounts: " + string.Join("; ", Accounts.Select(a => $"{a.Id} arr={a.Arr} {a.Signals}"));
}

/// <summary>FsCheck generators for books, leaning on the band, offer and window thresholds.</summary>
public static class BookGenerators
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    // Signal values come from the shared generators, which lean on every rule threshold.
    public static Gen<double> SignalValue => Generators.SignalValue;

    public static Gen<SignalValues> Signals => Generators.Signals;

    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : struct
        => Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    /// <summary>An account without an id yet: signals, ARR, segment, seats, renewal, gates and sometimes an override.</summary>
    public static Gen<Func<string, Account>> AccountShape { get; } =
        from signals in Signals
        from segment in Gen.Elements(Enum.GetValues<Segment>())
        from arr in Gen.Frequency((1, Gen.Elements(0.0, 96_000.0)), (5, Gen.Choose(1, 400_000).Select(i => i * 5.0)))
        from purchased in Maybe(Gen.Choose(1, 200))
        from active in Gen.Choose(0, 230)
        from days in Maybe(Gen.Choose(-10, 200))
        from health in Gen.Frequency((4, Gen.Constant<double?>(null)), (1, Gen.Choose(0, 100).Select(i => (double?)i)))
        from overrideWindow in Gen.Frequency((6, Gen.Constant<PitchWindow?>(null)), (1, Gen.Elements(Enum.GetValues<PitchWindow>()).Select(w => (PitchWindow?)w)))
        from plan in Gen.Elements<string?>(null, "Starter", "Growth", "Pro", "Enterprise")
        select new Func<string, Account>(id => new Account
        {
            Id = id,
            Name = "Name " + id,
            Signals = signals,
            Segment = segment,
            Arr = arr,
            SeatsPurchased = purchased,
            SeatsActive = purchased is null ? null : active,
            DaysToRenewal = days,
            HealthScore = health,
            Plan = plan,
            WindowOverride = overrideWindow is { } w ? new WindowOverride { Window = w, Reason = "property test" } : null,
        });

    public static Gen<Book> Book { get; } =
        from shapes in Gen.Choose(0, 40).SelectMany(n => AccountShape.ListOf(n))
        select new Book([.. shapes.Select((make, i) => make($"acct-{i:D3}"))]);
}
