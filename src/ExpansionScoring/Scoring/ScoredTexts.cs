using System.Text;

namespace ExpansionScoring;

/// <summary>
/// One account's explanation as a writer of the batch path's results needs it (see
/// <see cref="ScoringModel.ExplainScored"/>): the texts in builders and the figures by signal slot (the order of
/// <see cref="ScoringModel.Signals"/>). Refilled for each account and reused, so a writer formats a book's explanations
/// without a new text or list per account.
/// </summary>
/// <param name="slots">The model's signal count.</param>
internal sealed class ScoredTexts(int slots)
{
    /// <summary>Gets the offer label, such as "Add 28 seats".</summary>
    public StringBuilder OfferLabel { get; } = new(64);

    /// <summary>Gets the one-line rationale.</summary>
    public StringBuilder Rationale { get; } = new(160);

    /// <summary>Gets why the account is in its computed window.</summary>
    public StringBuilder WindowReason { get; } = new(96);

    /// <summary>Gets each signal's value as read, NaN where missing.</summary>
    public double[] Values { get; } = new double[slots];

    /// <summary>Gets each signal's weight after the missing-signal policy.</summary>
    public double[] EffectiveWeights { get; } = new double[slots];

    /// <summary>Gets the points each signal contributed (0 where missing).</summary>
    public double[] Contributions { get; } = new double[slots];

    /// <summary>Gets which signals are weighted and missing.</summary>
    public bool[] Missing { get; } = new bool[slots];

    /// <summary>Gets or sets the slot of the loudest signal, −1 when none was present.</summary>
    public int LoudestSlot { get; set; }

    /// <summary>Gets or sets the seats to add, −1 when seat counts are unknown.</summary>
    public int SeatsToAdd { get; set; }

    /// <summary>Gets or sets the name of the preset whose weights applied.</summary>
    public string Preset { get; set; } = string.Empty;
}
