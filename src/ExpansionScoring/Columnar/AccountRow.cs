using System.Runtime.CompilerServices;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Columnar;

/// <summary>
/// One account as plain numbers, for <see cref="ScoringModel.ScoreRow"/>: the same fields as one row of
/// <see cref="AccountColumns"/>. Created with <c>new AccountRow { … }</c>, every field not set is missing
/// (NaN, or <see langword="default"/> for <see cref="ContractStart"/>).
/// </summary>
/// <remarks>The built-in signals are held by <see cref="SignalKey"/> id (<see cref="this[SignalKey]"/>);
/// <see cref="PlanFit"/>, <see cref="Velocity"/> and the other named signal members read and write the same values.</remarks>
public readonly record struct AccountRow
{
    // The built-in signals by SignalKey id.
    private readonly SignalRow signals;

    /// <summary>Initializes a new instance of the <see cref="AccountRow"/> struct with every optional field missing.</summary>
    public AccountRow()
    {
        signals = SignalRow.Missing;
    }

    /// <summary>Initializes a row with the given built-in signal values by id.</summary>
    internal AccountRow(SignalRow signals)
    {
        this.signals = signals;
    }

    /// <summary>Gets the segment. <value>The default value is <see cref="Account.DefaultSegment"/> (SPEC §3).</value></summary>
    public Segment Segment { get; init; } = Account.DefaultSegment;

    /// <summary>Gets the Plan-Fit signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double PlanFit { get => signals[0]; init => signals[0] = value; }

    /// <summary>Gets the Velocity signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Velocity { get => signals[1]; init => signals[1] = value; }

    /// <summary>Gets the Engagement signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Engagement { get => signals[2]; init => signals[2] = value; }

    /// <summary>Gets the Champion signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Champion { get => signals[3]; init => signals[3] = value; }

    /// <summary>Gets the Triggers signal, 0..100. <value>The default value is NaN (missing).</value></summary>
    public double Triggers { get => signals[4]; init => signals[4] = value; }

    /// <summary>Gets the annual recurring revenue. <value>The default value is 0.</value></summary>
    public double Arr { get; init; }

    /// <summary>Gets the seat saturation ratio. <value>The default value is NaN (unknown).</value></summary>
    public double SeatSaturation { get; init; } = double.NaN;

    /// <summary>Gets the whole days to renewal. <value>The default value is NaN (unknown).</value></summary>
    public double DaysToRenewal { get; init; } = double.NaN;

    /// <summary>Gets the health score, 0..100. <value>The default value is NaN (gate not evaluated).</value></summary>
    public double HealthScore { get; init; } = double.NaN;

    /// <summary>Gets the number of open P1/P2 tickets. <value>The default value is NaN (gate not evaluated).</value></summary>
    public double OpenP1P2Tickets { get; init; } = double.NaN;

    /// <summary>Gets the contract start date. <value>The default value is <see langword="default"/> (gate not evaluated).</value></summary>
    public DateOnly ContractStart { get; init; }

    /// <summary>Gets a built-in signal's value, 0..100. <value>The default value is NaN (missing).</value></summary>
    /// <param name="signal">A built-in signal (<see cref="SignalKey.BuiltIn"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="signal"/> is not built in: a row holds the built-in signals only.</exception>
    public double this[SignalKey signal]
    {
        get => signals[BuiltInId(signal)];
        init => signals[BuiltInId(signal)] = value;
    }

    /// <summary>Gets the built-in signals by id.</summary>
    internal SignalRow Signals { get => signals; init => signals = value; }

    /// <summary>Returns a copy with a built-in signal set, for code that fills a row signal by signal (over <see cref="SignalKey.BuiltIn"/>, say).</summary>
    /// <param name="signal">A built-in signal.</param>
    /// <param name="value">Its value, 0..100, or NaN for missing.</param>
    /// <returns>The copy; this row is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="signal"/> is not built in.</exception>
    public AccountRow WithSignal(SignalKey signal, double value)
    {
        var copy = signals;
        copy[BuiltInId(signal)] = value;
        return this with { Signals = copy };
    }

    private static int BuiltInId(SignalKey signal)
        => signal.IsBuiltIn ? signal.Id : throw new ArgumentException($"'{signal}' is not a built-in signal; a row holds the built-in signals ({string.Join(", ", SignalKey.BuiltIn)}).", nameof(signal));

    /// <summary>The built-in signals' values by <see cref="SignalKey"/> id, room for <see cref="BuiltInSignals.Capacity"/>; compared as doubles are (NaN equals NaN).</summary>
    [InlineArray(BuiltInSignals.Capacity)]
    internal struct SignalRow : IEquatable<SignalRow>
    {
        private double element;

        /// <summary>Gets a row with every signal missing (NaN).</summary>
        public static SignalRow Missing
        {
            get
            {
                var row = default(SignalRow);
                ((Span<double>)row).Fill(double.NaN);
                return row;
            }
        }

        public readonly bool Equals(SignalRow other)
        {
            for (int i = 0; i < BuiltInSignals.Capacity; i++)
            {
                if (!this[i].Equals(other[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override readonly bool Equals(object? obj) => obj is SignalRow other && Equals(other);

        public override readonly int GetHashCode()
        {
            var hash = default(HashCode);
            for (int i = 0; i < BuiltInSignals.Capacity; i++)
            {
                hash.Add(this[i]);
            }

            return hash.GetHashCode();
        }
    }
}
