namespace ExpansionScoring.Signals;

/// <summary>
/// The built-in signals, declared once: each one's name, default scorer and weight in each built-in preset, in id
/// order (a signal's <see cref="SignalKey"/> id is its place here). Everything else follows from this table: the
/// keys (<see cref="SignalKey.BuiltIn"/>), the default scorers (<see cref="DefaultSignalScorers.All"/>), the built-in
/// presets, the signal columns of <see cref="Columnar.AccountColumns"/> and <see cref="Columnar.AccountRow"/>, and the
/// batch kernel's signals pass, which loops over them.
/// </summary>
/// <remarks>
/// A weight of 0 leaves the signal out of that preset, so a new signal added with 0 everywhere changes no score until a
/// preset weights it. Add a signal at the end, with its named key in <see cref="SignalKey"/> (id = its place here) and
/// its scorer in <see cref="DefaultSignalScorers"/>.
/// </remarks>
internal static class BuiltInSignals
{
    /// <summary>The most built-in signals the columns hold: <see cref="Columnar.AccountColumns"/> keeps one span for each.</summary>
    internal const int Capacity = 8;

    /// <summary>Gets the built-in signals in id order.</summary>
    internal static BuiltInSignal[] All { get; } =
    [
        new("PlanFit", DefaultSignalScorers.PlanFit, MidMarketBalanced: 0.30, Enterprise: 0.15, ProductLed: 0.35, SmbSeatHeavy: 0.40),
        new("Velocity", DefaultSignalScorers.Velocity, MidMarketBalanced: 0.25, Enterprise: 0.15, ProductLed: 0.35, SmbSeatHeavy: 0.25),
        new("Engagement", DefaultSignalScorers.Engagement, MidMarketBalanced: 0.15, Enterprise: 0.15, ProductLed: 0.15, SmbSeatHeavy: 0.15),
        new("Champion", DefaultSignalScorers.Champion, MidMarketBalanced: 0.20, Enterprise: 0.40, ProductLed: 0.05, SmbSeatHeavy: 0.10),
        new("Triggers", DefaultSignalScorers.Triggers, MidMarketBalanced: 0.10, Enterprise: 0.15, ProductLed: 0.10, SmbSeatHeavy: 0.10),
    ];

    /// <summary>Gets how many built-in signals there are.</summary>
    internal static int Count => All.Length;

    /// <summary>Gets the default scorers in id order.</summary>
    internal static ISignalScorer[] Scorers { get; } = [.. All.Select(s => s.Scorer)];
}

/// <summary>One built-in signal: its name (also its column's name), its default scorer and its weight in each built-in preset.</summary>
/// <param name="Name">The signal's name, as <see cref="SignalKey.Name"/> spells it; the columns and the tool's input use it.</param>
/// <param name="Scorer">The scorer that derives it from telemetry when an account does not supply it.</param>
/// <param name="MidMarketBalanced">Its weight in the MidMarketBalanced preset.</param>
/// <param name="Enterprise">Its weight in the Enterprise preset.</param>
/// <param name="ProductLed">Its weight in the ProductLed preset.</param>
/// <param name="SmbSeatHeavy">Its weight in the SmbSeatHeavy preset.</param>
internal sealed record BuiltInSignal(string Name, ISignalScorer Scorer, double MidMarketBalanced, double Enterprise, double ProductLed, double SmbSeatHeavy)
{
    /// <summary>Returns its weight in the built-in preset named <paramref name="preset"/>.</summary>
    internal double WeightIn(string preset) => preset switch
    {
        nameof(MidMarketBalanced) => MidMarketBalanced,
        nameof(Enterprise) => Enterprise,
        nameof(ProductLed) => ProductLed,
        _ => SmbSeatHeavy,
    };
}
