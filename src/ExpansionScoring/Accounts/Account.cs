using System.Runtime.CompilerServices;
using ExpansionScoring.Internal;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>
/// One customer account as the scoring model reads it. Immutable; every property validates on
/// initialisation, so an <see cref="Account"/> that exists is always scoreable.
/// </summary>
/// <remarks>
/// Signals can be supplied directly through <see cref="Signals"/> (0..100 each, as the reference calculator
/// takes them) or derived by the model's signal scorers from <see cref="Telemetry"/>, the seat counts and
/// <see cref="Metrics"/>. A directly supplied value always wins over a derived one.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpansionScoring.Serialization.AccountJsonConverter))]
public sealed record Account
{
    private readonly string id = string.Empty;
    private readonly double arr;
    private readonly Segment segment = DefaultSegment;
    private readonly SignalValues signals = SignalValues.Empty;
    private readonly int? seatsPurchased;
    private readonly int? seatsActive;
    private readonly double? seatSaturation;
    private readonly double? healthScore;
    private readonly int? openP1P2Tickets;
    private readonly IReadOnlyDictionary<string, double>? metrics;

    /// <summary>Gets the account's unique identifier.</summary>
    /// <exception cref="ArgumentException">Set to an empty or white-space string.</exception>
    public required string Id { get => id; init => id = Guard.NotNullOrWhiteSpace(value, nameof(Id)); }

    /// <summary>Gets the display name. <value>The default value is <see langword="null"/>: <see cref="DisplayName"/> falls back to <see cref="Id"/>.</value></summary>
    public string? Name { get; init; }

    /// <summary>Gets the name to show: <see cref="Name"/> when given, else <see cref="Id"/>.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? id : Name;

    /// <summary>
    /// The segment of an account that does not state one (SPEC §3): <see cref="Segment.MidMarket"/>. Every reader of
    /// accounts (<see cref="Account"/>, <see cref="Columnar.AccountRow"/>, <see cref="Columnar.AccountColumns"/> without
    /// a segment column, JSON, the input package) takes this one value.
    /// </summary>
    public const Segment DefaultSegment = Segment.MidMarket;

    /// <summary>Gets the market segment. <value>The default value is <see cref="DefaultSegment"/>.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public Segment Segment { get => segment; init => segment = Guard.Defined(value, nameof(Segment)); }

    /// <summary>Gets the current plan name, used to name the next plan on the ladder. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Plan { get; init; }

    /// <summary>
    /// The largest annual recurring revenue an account may have: 10^15, ten times the world's yearly output. Sums of
    /// ARR and of opportunity (ARR × a multiplier of at most <see cref="Offers.OfferOptions.MaxMultiplier"/>) over two billion
    /// accounts stay inside the exact 128-bit money sums of a portfolio, so no sum can overflow.
    /// </summary>
    public const double MaxArr = 1e15;

    /// <summary>Gets the annual recurring revenue, in the book's currency: 0..<see cref="MaxArr"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value, or above <see cref="MaxArr"/>.</exception>
    public double Arr
    {
        get => arr;
        init => arr = Guard.NonNegative(value, nameof(Arr)) <= MaxArr
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Arr), value, "Value must be at most 1e15 (Account.MaxArr), the most the money sums hold exactly.");
    }

    /// <summary>Gets the signals supplied directly, each 0..100. <value>The default value is <see cref="SignalValues.Empty"/>.</value></summary>
    public SignalValues Signals { get => signals; init => signals = value ?? SignalValues.Empty; }

    /// <summary>Gets the number of seats purchased. <value>The default value is <see langword="null"/>.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int? SeatsPurchased { get => seatsPurchased; init => seatsPurchased = Guard.NonNegative(value, nameof(SeatsPurchased)); }

    /// <summary>Gets the number of seats in active use. <value>The default value is <see langword="null"/>.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int? SeatsActive { get => seatsActive; init => seatsActive = Guard.NonNegative(value, nameof(SeatsActive)); }

    /// <summary>
    /// Gets the seat saturation as a ratio (0.92 = 92 % of purchased seats in use), when given instead of seat counts.
    /// <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double? SeatSaturation { get => seatSaturation; init => seatSaturation = Guard.NonNegative(value, nameof(SeatSaturation)); }

    /// <summary>Gets the number of days until renewal. Takes precedence over <see cref="RenewalDate"/>. <value>The default value is <see langword="null"/>.</value></summary>
    public int? DaysToRenewal { get; init; }

    /// <summary>Gets the renewal date, resolved against the as-of date given when scoring. <value>The default value is <see langword="null"/>.</value></summary>
    public DateOnly? RenewalDate { get; init; }

    /// <summary>Gets the account health score, 0..100, used by the health gate. <value>The default value is <see langword="null"/> (gate not evaluated).</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 0..100, NaN or infinite.</exception>
    public double? HealthScore { get => healthScore; init => healthScore = Guard.InRange(value, 0, 100, nameof(HealthScore)); }

    /// <summary>Gets the number of open P1/P2 support tickets, used by the support gate. <value>The default value is <see langword="null"/> (gate not evaluated).</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int? OpenP1P2Tickets { get => openP1P2Tickets; init => openP1P2Tickets = Guard.NonNegative(value, nameof(OpenP1P2Tickets)); }

    /// <summary>Gets the contract start date, used by the tenure gate. <value>The default value is <see langword="null"/> (gate not evaluated).</value></summary>
    public DateOnly? ContractStartDate { get; init; }

    /// <summary>Gets the raw telemetry the default signal scorers read. <value>The default value is <see langword="null"/>.</value></summary>
    public AccountTelemetry? Telemetry { get; init; }

    /// <summary>
    /// Gets extra named numbers for user-defined signal scorers (for example <c>"nps"</c>): a copy of the dictionary
    /// given (with its key comparer), so the account stays as it was built.
    /// <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public IReadOnlyDictionary<string, double>? Metrics
    {
        get => metrics;
        init
        {
            if (value is not null)
            {
                foreach (var pair in value)
                {
                    if (!double.IsFinite(pair.Value))
                    {
                        throw new ArgumentOutOfRangeException(nameof(Metrics), pair.Value, $"Metric '{pair.Key}' must be a finite number.");
                    }
                }
            }

            // A copy: the account is immutable, so a later change to the caller's dictionary must not reach it.
            metrics = value switch
            {
                null => null,
                Dictionary<string, double> d => new Dictionary<string, double>(d, d.Comparer).AsReadOnly(),
                _ => new Dictionary<string, double>(value).AsReadOnly(),
            };
        }
    }

    /// <summary>Gets a person's override of the pitch window, kept apart from the computed window. <value>The default value is <see langword="null"/>.</value></summary>
    public WindowOverride? WindowOverride { get; init; }

    /// <summary>
    /// Gets the seat saturation ratio: <see cref="SeatSaturation"/> when given, else active / purchased seats
    /// when both are known and purchased is above zero; otherwise <see langword="null"/>.
    /// </summary>
    /// <returns>The ratio, or <see langword="null"/> when unknown.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double? GetSeatSaturation()
    {
        if (seatSaturation is { } s)
        {
            return s;
        }

        if (seatsActive is { } active && seatsPurchased is { } purchased && purchased > 0)
        {
            return (double)active / purchased;
        }

        return null;
    }

    /// <summary>Gets the days to renewal: <see cref="DaysToRenewal"/>, else <see cref="RenewalDate"/> minus <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The date the book is scored as of.</param>
    /// <returns>The days (negative when the renewal date has passed), or <see langword="null"/> when unknown.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int? GetDaysToRenewal(DateOnly asOf)
    {
        if (DaysToRenewal is { } days)
        {
            return days;
        }

        if (RenewalDate is { } date)
        {
            return date.DayNumber - asOf.DayNumber;
        }

        return null;
    }

    /// <summary>Gets a metric for a user-defined scorer.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="value">The value when present.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool TryGetMetric(string name, out double value)
    {
        if (metrics is not null && metrics.TryGetValue(name, out value))
        {
            return true;
        }

        value = double.NaN;
        return false;
    }
}
