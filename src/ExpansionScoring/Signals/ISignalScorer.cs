namespace ExpansionScoring.Signals;

/// <summary>
/// Derives one signal, 0..100, from an account's data. Implementations must be thread-safe and should not
/// allocate: the model calls them on its hot path. A scorer never throws for ordinary bad or absent data;
/// it returns <see cref="SignalReading.Missing(string)"/> with a reason instead.
/// </summary>
public interface ISignalScorer
{
    /// <summary>Gets the signal this scorer produces.</summary>
    SignalKey Key { get; }

    /// <summary>Reads the signal for one account.</summary>
    /// <param name="arguments">The account and the as-of date.</param>
    /// <returns>The value 0..100 (values outside are clamped by the model), or a missing reading with its reason.</returns>
    SignalReading Score(in SignalScorerArguments arguments);
}

/// <summary>The inputs handed to an <see cref="ISignalScorer"/>. New members may be added over time.</summary>
public readonly struct SignalScorerArguments
{
    /// <summary>Initializes a new instance of the <see cref="SignalScorerArguments"/> struct.</summary>
    /// <param name="account">The account being scored.</param>
    /// <param name="asOf">The date the book is scored as of.</param>
    public SignalScorerArguments(Account account, DateOnly asOf)
    {
        Account = account;
        AsOf = asOf;
    }

    /// <summary>Gets the account being scored.</summary>
    public Account Account { get; }

    /// <summary>Gets the date the book is scored as of; never the system clock.</summary>
    public DateOnly AsOf { get; }
}

/// <summary>The outcome of reading one signal: a value 0..100, or missing with a reason.</summary>
public readonly struct SignalReading : IEquatable<SignalReading>
{
    private SignalReading(double value, string? missingReason)
    {
        Value = value;
        MissingReason = missingReason;
    }

    /// <summary>Gets the value, 0..100; NaN when missing.</summary>
    public double Value { get; }

    /// <summary>Gets why the signal is missing; <see langword="null"/> when present.</summary>
    public string? MissingReason { get; }

    /// <summary>Gets a value indicating whether the signal was read.</summary>
    public bool IsPresent => MissingReason is null;

    /// <summary>Creates a present reading.</summary>
    /// <param name="value">The value, 0..100.</param>
    /// <returns>The reading.</returns>
    public static SignalReading Of(double value) => double.IsNaN(value) ? new(double.NaN, "scorer produced NaN") : new(value, null);

    /// <summary>Creates a missing reading. Pass a constant string to keep the hot path allocation-free.</summary>
    /// <param name="reason">Why the signal could not be read.</param>
    /// <returns>The reading.</returns>
    public static SignalReading Missing(string reason) => new(double.NaN, string.IsNullOrEmpty(reason) ? "missing" : reason);

    /// <inheritdoc />
    public bool Equals(SignalReading other) => Value.Equals(other.Value) && MissingReason == other.MissingReason;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SignalReading other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, MissingReason);

    /// <summary>Compares two readings for equality.</summary>
    /// <param name="left">The first reading.</param>
    /// <param name="right">The second reading.</param>
    public static bool operator ==(SignalReading left, SignalReading right) => left.Equals(right);

    /// <summary>Compares two readings for inequality.</summary>
    /// <param name="left">The first reading.</param>
    /// <param name="right">The second reading.</param>
    public static bool operator !=(SignalReading left, SignalReading right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsPresent ? Value.ToString("0.##") : $"missing ({MissingReason})";
}
