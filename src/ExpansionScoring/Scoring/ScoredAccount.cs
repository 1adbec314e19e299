using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>One signal's part in an account's composite (SPEC §9).</summary>
public sealed record SignalContribution
{
    /// <summary>Gets the signal's name.</summary>
    public required string Signal { get; init; }

    /// <summary>Gets the value 0..100; <see langword="null"/> when missing.</summary>
    public double? Value { get; init; }

    /// <summary>Gets where the value came from.</summary>
    public SignalSource Source { get; init; }

    /// <summary>Gets why the signal is missing; <see langword="null"/> when present.</summary>
    public string? MissingReason { get; init; }

    /// <summary>Gets the preset's weight, normalised over all weighted signals (sums to 1).</summary>
    public double Weight { get; init; }

    /// <summary>Gets the weight actually applied after the missing-signal policy (sums to 1 over what counted).</summary>
    public double EffectiveWeight { get; init; }

    /// <summary>Gets the points this signal contributed; the contributions sum to the raw score (the composite of a weighted-average model).</summary>
    public double Contribution { get; init; }
}

/// <summary>
/// The full, explained result for one account (SPEC §9): every number of <see cref="AccountScore"/>, plus each signal's
/// value, weight and contribution, the offer's label and rationale, and why this window and these gates.
/// </summary>
/// <remarks>Its JSON is one contract (<see cref="Serialization.ScoredAccountJsonConverter"/>) for the library, the command-line tool and services.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ScoredAccountJsonConverter))]
public sealed record ScoredAccount
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the name to show.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the segment.</summary>
    public Segment Segment { get; init; }

    /// <summary>Gets the plan, when known.</summary>
    public string? Plan { get; init; }

    /// <summary>Gets the annual recurring revenue.</summary>
    public double Arr { get; init; }

    /// <summary>Gets the preset whose weights applied.</summary>
    public required string Preset { get; init; }

    /// <summary>Gets the composite, 0..100.</summary>
    public double Composite { get; init; }

    /// <summary>Gets the raw score: the composite, or the points of a points-sum rubric.</summary>
    public double RawScore { get; init; }

    /// <summary>Gets the probability in percent, 5..95, unrounded.</summary>
    public double Probability { get; init; }

    /// <summary>Gets the band's name.</summary>
    public required string Band { get; init; }

    /// <summary>Gets the next-best offer.</summary>
    public OfferKind Offer { get; init; }

    /// <summary>Gets the rule that chose the offer; <see langword="null"/> when a gate chose it.</summary>
    public string? OfferRule { get; init; }

    /// <summary>Gets the concrete label, such as "Add 28 seats" or "Upgrade Pro → Enterprise".</summary>
    public required string OfferLabel { get; init; }

    /// <summary>Gets the one-line rationale built from the signals that fired the offer.</summary>
    public required string Rationale { get; init; }

    /// <summary>Gets the dollar opportunity, unrounded.</summary>
    public double Opportunity { get; init; }

    /// <summary>Gets the seats to add, when seat counts are known.</summary>
    public int? SeatsToAdd { get; init; }

    /// <summary>Gets the computed window.</summary>
    public PitchWindow Window { get; init; }

    /// <summary>Gets the override, when one was given (active or expired).</summary>
    public WindowOverride? WindowOverride { get; init; }

    /// <summary>Gets a value indicating whether <see cref="WindowOverride"/> was active on the as-of date (given and not expired).</summary>
    public bool IsWindowOverridden { get; init; }

    /// <summary>Gets the window to act on.</summary>
    public PitchWindow EffectiveWindow { get; init; }

    /// <summary>Gets why the account is in its effective window.</summary>
    public required string WindowReason { get; init; }

    /// <summary>Gets a value indicating whether a gate blocked pitching.</summary>
    public bool IsGated { get; init; }

    /// <summary>Gets each gate's outcome.</summary>
    public IReadOnlyList<GateCheck> Gates { get; init; } = [];

    /// <summary>Gets how much of the weighted evidence was present.</summary>
    public Confidence Confidence { get; init; }

    /// <summary>Gets the missing-signal policy that applied.</summary>
    public MissingSignalPolicy MissingSignalPolicy { get; init; }

    /// <summary>Gets each signal of the model with its value, weight and contribution.</summary>
    public IReadOnlyList<SignalContribution> Signals { get; init; } = [];

    /// <summary>Gets the signal contributing the most composite points; <see langword="null"/> when none was present.</summary>
    public string? LoudestSignal { get; init; }

    /// <summary>Gets the weighted signals that were missing.</summary>
    public IReadOnlyList<string> MissingSignals { get; init; } = [];
}
