namespace ExpansionScoring.Pitch;

/// <summary>What a pitch script asks the account manager to do (SPEC §14).</summary>
public enum PitchScriptKind
{
    /// <summary>Pitch the offer: a talk track and the five-part business case.</summary>
    Pitch = 0,

    /// <summary>Do not pitch: a gate blocks the account, and the script names what must be fixed first.</summary>
    FixFirst = 1,

    /// <summary>No offer yet: a nurture note.</summary>
    Nurture = 2,
}

/// <summary>One titled part of a pitch script, such as "Current state" or "Risk of inaction".</summary>
/// <param name="Heading">The part's heading.</param>
/// <param name="Text">The part's text, one or more sentences.</param>
public sealed record PitchScriptSection(string Heading, string Text);

/// <summary>
/// A short talk track and business case for one scored account, built from its own numbers and the signals that fired
/// (SPEC §14): the opening line tailored to the loudest signal, then current state, constraint, future state, value and
/// risk of inaction. A gated account gets a fix-first script naming the gate instead, never a pitch; a Nurture account
/// gets a nurture note. Immutable. Built by <see cref="PitchScriptBuilder"/>.
/// </summary>
public sealed record PitchScript
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets what the script asks for: a pitch, a fix first, or nurture.</summary>
    public PitchScriptKind Kind { get; init; }

    /// <summary>Gets the one-line opening of the talk track (for a fix-first script, the gate to fix).</summary>
    public required string Opening { get; init; }

    /// <summary>Gets the parts that follow the opening, in the order to say them.</summary>
    public IReadOnlyList<PitchScriptSection> Sections { get; init; } = [];

    /// <summary>Gets the whole script as text: the opening, then one line per section ("Heading: text").</summary>
    public string Text => Sections.Count == 0
        ? Opening
        : Opening + Environment.NewLine + string.Join(Environment.NewLine, Sections.Select(s => s.Heading + ": " + s.Text));
}
