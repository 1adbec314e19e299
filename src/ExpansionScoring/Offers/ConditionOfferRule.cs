using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExpansionScoring.Columnar;
using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Offers;

/// <summary>The compiled form of an <see cref="OfferRuleOptions"/>.</summary>
internal sealed class ConditionOfferRule : IOfferRule
{
    internal const double Epsilon = 1e-9;

    /// <summary>How many facts follow the signal values in a fields span: see <see cref="Matches(Segment, ReadOnlySpan{double})"/>.</summary>
    internal const int FactCount = 5;

    /// <summary>
    /// Returns a fact's place among the facts that follow the signal values in a rule's fields: its
    /// <see cref="OperandKind"/> order. The one numbering the general engine (ScoringModel.Finish) and the batch kernel
    /// (FusedKernel.FactField) both use.
    /// </summary>
    internal static int FactIndex(OperandKind kind) => (int)kind - 1;

    /// <summary>Returns the fact at place <paramref name="index"/> among the facts: the inverse of <see cref="FactIndex"/>.</summary>
    internal static OperandKind FactKind(int index) => (OperandKind)(index + 1);

    /// <summary>
    /// Fills the facts that follow the signal values in a rule's fields, in <see cref="FactIndex"/> order: the general
    /// engine's one place for them (ScoringModel.Finish calls it with the account and the values it computed).
    /// </summary>
    /// <param name="facts">Room for <see cref="FactCount"/> facts.</param>
    /// <param name="account">The account.</param>
    /// <param name="seatSaturation">The seat saturation as the model reads it (PlanFit / 100 when unknown, if the model says so); NaN if unknown.</param>
    /// <param name="days">The whole days to renewal; NaN if unknown.</param>
    /// <param name="probability">The probability.</param>
    /// <param name="composite">The composite.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void FillFacts(Span<double> facts, Account account, double seatSaturation, double days, double probability, double composite)
    {
        facts[FactIndex(OperandKind.SeatSaturation)] = seatSaturation;
        facts[FactIndex(OperandKind.DaysToRenewal)] = days;
        facts[FactIndex(OperandKind.Probability)] = probability;
        facts[FactIndex(OperandKind.Composite)] = composite;
        facts[FactIndex(OperandKind.Arr)] = account.Arr;
    }

    /// <summary>
    /// Returns the book's column a fact reads in the batch kernel, for the facts taken from the book as given (the
    /// kernel computes seat saturation, probability and composite itself): the kernel's one place for them.
    /// </summary>
    /// <param name="kind">A fact read from the book.</param>
    /// <param name="book">The book's columns.</param>
    /// <returns>The column; empty when the book lacks it (the fact is missing).</returns>
    internal static ReadOnlySpan<double> BookColumn(OperandKind kind, AccountColumns book) => kind switch
    {
        OperandKind.DaysToRenewal => book.DaysToRenewal,
        OperandKind.Arr => book.Arr,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kernel computes this fact; it is not a column of the book."),
    };

    private readonly Condition[] conditions;
    private readonly BoundCondition[] bound;
    private readonly int segmentMask;
    private readonly TemplatePart[]? template;

    /// <summary>Initializes a new instance of the <see cref="ConditionOfferRule"/> class.</summary>
    /// <param name="options">The rule as data.</param>
    /// <param name="slotOfKey">The model's slot of each signal key id (−1 when the model has no such signal), used to bind the fast path.</param>
    public ConditionOfferRule(OfferRuleOptions options, int[] slotOfKey)
    {
        Name = options.Name;
        Offer = options.Offer;
        template = options.Rationale is { } rationale ? Compile(rationale) : null;
        segmentMask = options.Segments is { Count: > 0 } segs ? segs.Aggregate(0, (m, s) => m | (1 << (int)s)) : -1;
        conditions = [.. options.Conditions.Select(c => new Condition(Operand.Parse(c.Field), c.Operator, c.Value))];
        int slots = slotOfKey.Count(s => s >= 0);
        bound = [.. conditions.Select(c => Bind(FieldOf(c.Operand, slotOfKey, slots), c.Operator, c.Value))];
    }

    public string Name { get; }

    public OfferKind Offer { get; }

    /// <summary>Gets the segments the rule applies to as bits (1 &lt;&lt; segment); −1 for every segment.</summary>
    internal int SegmentMask => segmentMask;

    /// <summary>Gets the conditions bound to the model's fields: (field, low, high), field −1 for a signal the model does not read.</summary>
    internal IEnumerable<(int Field, double Low, double High)> BoundConditions => bound.Select(b => (b.Field, b.Low, b.High));

    /// <summary>Gets the signal keys the conditions read, for validation.</summary>
    public IEnumerable<SignalKey> SignalsRead => conditions.Where(c => c.Operand.Kind == OperandKind.Signal).Select(c => c.Operand.Key);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Compare(double x, ComparisonOperator op, double threshold) => op switch
    {
        ComparisonOperator.AtLeast => x >= threshold - Epsilon,
        ComparisonOperator.Above => x > threshold + Epsilon,
        ComparisonOperator.AtMost => x <= threshold + Epsilon,
        _ => x < threshold - Epsilon,
    };

    public bool Matches(in OfferRuleArguments arguments)
    {
        if ((segmentMask & (1 << (int)arguments.Segment)) == 0)
        {
            return false;
        }

        foreach (var c in conditions)
        {
            double x = c.Operand.Read(arguments);
            if (double.IsNaN(x) || !Compare(x, c.Operator, c.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The model's fast path, equal to <see cref="Matches(in OfferRuleArguments)"/>: <paramref name="fields"/> holds the
    /// model's signal values by slot, then <see cref="FactCount"/> facts in <see cref="OperandKind"/> order
    /// (SeatSaturation, DaysToRenewal, Probability, Composite, Arr), so every condition reads one array element.
    /// </summary>
    /// <param name="segment">The account's segment.</param>
    /// <param name="fields">Signal values by slot, then the facts; NaN where missing.</param>
    /// <returns><see langword="true"/> when the rule fires.</returns>
    public bool Matches(Segment segment, ReadOnlySpan<double> fields)
    {
        if ((segmentMask & (1 << (int)segment)) == 0)
        {
            return false;
        }

        foreach (var c in bound)
        {
            // One range test per condition; NaN (missing) fails it, as it fails Compare.
            double x = c.Field >= 0 ? fields[c.Field] : double.NaN;
            if (!(x >= c.Low && x <= c.High))
            {
                return false;
            }
        }

        return true;
    }

    public string Explain(in OfferRuleArguments arguments) => Explain(arguments, new StringBuilder()).ToString();

    /// <summary>Appends the rationale <see cref="Explain(in OfferRuleArguments)"/> returns to <paramref name="text"/>, formatting nothing else.</summary>
    /// <param name="arguments">The same arguments <see cref="Matches(in OfferRuleArguments)"/> saw.</param>
    /// <param name="text">Where to append it.</param>
    /// <returns><paramref name="text"/>.</returns>
    internal StringBuilder Explain(in OfferRuleArguments arguments, StringBuilder text)
    {
        if (template is not null)
        {
            return Append(text, template, arguments);
        }

        if (conditions.Length == 0)
        {
            return text.Append(Name).Append(": no conditions — ").Append(Offer.ToString());
        }

        for (int i = 0; i < conditions.Length; i++)
        {
            var c = conditions[i];
            if (i > 0)
            {
                text.Append(" and ");
            }

            text.Append(c.Operand.Name).Append(' ');
            Format(text, c.Operand.Read(arguments), c.Operand.Kind);
            text.Append(c.Operator switch
            {
                ComparisonOperator.AtLeast => " ≥ ",
                ComparisonOperator.Above => " > ",
                ComparisonOperator.AtMost => " ≤ ",
                _ => " < ",
            });
            Format(text, c.Value, c.Operand.Kind);
        }

        return text.Append(" — ").Append(Offer.ToString());
    }

    /// <summary>Formats a rationale template for one account, as a rule with that template explains it.</summary>
    internal static string FormatTemplate(string template, in OfferRuleArguments arguments)
        => Append(new StringBuilder(template.Length + 16), Compile(template), arguments).ToString();

    private static StringBuilder Append(StringBuilder text, TemplatePart[] template, in OfferRuleArguments arguments)
    {
        foreach (var part in template)
        {
            Append(text, part, arguments);
        }

        return text;
    }

    /// <summary>Splits a rationale template into its text and its placeholders, once, when the rule is built.</summary>
    private static TemplatePart[] Compile(string template)
    {
        var parts = new List<TemplatePart>();
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            int close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                parts.Add(new TemplatePart(PartKind.Text, template[i..], default));
                break;
            }

            if (open > i)
            {
                parts.Add(new TemplatePart(PartKind.Text, template[i..open], default));
            }

            string name = template.Substring(open + 1, close - open - 1);
            parts.Add(name.ToUpperInvariant() switch
            {
                "PLAN" => new TemplatePart(PartKind.Plan, name, default),
                "NEXTPLAN" => new TemplatePart(PartKind.NextPlan, name, default),
                "SEATSTOADD" => new TemplatePart(PartKind.SeatsToAdd, name, default),
                "NAME" => new TemplatePart(PartKind.Name, name, default),
                _ => Operand.TryParse(name, out var operand)
                    ? new TemplatePart(PartKind.Operand, name, operand)
                    : new TemplatePart(PartKind.Text, template.Substring(open, close - open + 1), default), // unknown: kept as written
            });
            i = close + 1;
        }

        return [.. parts];
    }

    private static void Append(StringBuilder text, in TemplatePart part, in OfferRuleArguments a)
    {
        switch (part.Kind)
        {
            case PartKind.Text:
                text.Append(part.Text);
                break;
            case PartKind.Plan:
                text.Append(a.Account.Plan ?? "current plan");
                break;
            case PartKind.NextPlan:
                text.Append(a.NextPlan ?? "the next plan");
                break;
            case PartKind.SeatsToAdd:
                if (a.SeatsToAdd >= 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{a.SeatsToAdd}");
                }
                else
                {
                    text.Append("more");
                }

                break;
            case PartKind.Name:
                text.Append(a.Account.DisplayName);
                break;
            default:
                Format(text, part.Operand.Read(a), part.Operand.Kind);
                break;
        }
    }

    private static void Format(StringBuilder text, double value, OperandKind kind)
    {
        if (double.IsNaN(value))
        {
            text.Append("n/a");
            return;
        }

        switch (kind)
        {
            case OperandKind.SeatSaturation:
                text.Append(CultureInfo.InvariantCulture, $"{value * 100:0} %");
                break;
            case OperandKind.Arr:
                text.Append(CultureInfo.InvariantCulture, $"{value:#,0}");
                break;
            default:
                text.AppendOneDecimal(value);
                break;
        }
    }

    /// <summary>What a piece of a rationale template is: text as written, or which value goes there.</summary>
    private enum PartKind
    {
        Text,
        Plan,
        NextPlan,
        SeatsToAdd,
        Name,
        Operand,
    }

    /// <summary>A piece of a compiled rationale template.</summary>
    private readonly record struct TemplatePart(PartKind Kind, string Text, Operand Operand);

    internal enum OperandKind
    {
        Signal,
        SeatSaturation,
        DaysToRenewal,
        Probability,
        Composite,
        Arr,
    }

    internal readonly record struct Operand(OperandKind Kind, SignalKey Key, string Name)
    {
        public static readonly string[] ReservedNames = ["SeatSaturation", "DaysToRenewal", "Probability", "Composite", "Arr"];

        public static Operand Parse(string field)
            => TryParse(field, out var o) ? o : throw new ArgumentException($"'{field}' is not a signal name or one of {string.Join(", ", ReservedNames)}.", nameof(field));

        public static bool TryParse(string? field, out Operand operand)
        {
            for (int i = 0; i < ReservedNames.Length; i++)
            {
                if (string.Equals(field, ReservedNames[i], StringComparison.OrdinalIgnoreCase))
                {
                    operand = new Operand((OperandKind)(i + 1), default, ReservedNames[i]);
                    return true;
                }
            }

            if (SignalKey.IsValidName(field))
            {
                var key = SignalKey.Of(field);
                operand = new Operand(OperandKind.Signal, key, key.Name);
                return true;
            }

            operand = default;
            return false;
        }

        public double Read(in OfferRuleArguments a) => Kind switch
        {
            OperandKind.Signal => a.Signal(Key),
            OperandKind.SeatSaturation => a.SeatSaturation,
            OperandKind.DaysToRenewal => a.DaysToRenewal,
            OperandKind.Probability => a.Probability,
            OperandKind.Composite => a.Composite,
            _ => a.Account.Arr,
        };
    }

    /// <summary>
    /// Turns <c>Compare(x, op, threshold)</c> into the equivalent closed range <c>Low ≤ x ≤ High</c>: a strict bound
    /// becomes the next representable double, so for every x that is not NaN the two agree exactly.
    /// </summary>
    private static BoundCondition Bind(int field, ComparisonOperator op, double threshold) => op switch
    {
        ComparisonOperator.AtLeast => new(field, threshold - Epsilon, double.PositiveInfinity),
        ComparisonOperator.Above => new(field, Math.BitIncrement(threshold + Epsilon), double.PositiveInfinity),
        ComparisonOperator.AtMost => new(field, double.NegativeInfinity, threshold + Epsilon),
        _ => new(field, double.NegativeInfinity, Math.BitDecrement(threshold - Epsilon)),
    };

    private static int FieldOf(Operand operand, int[] slotOfKey, int slots)
    {
        if (operand.Kind != OperandKind.Signal)
        {
            return slots + FactIndex(operand.Kind);
        }

        uint id = (uint)operand.Key.Id;
        return id < (uint)slotOfKey.Length ? slotOfKey[id] : -1;
    }

    private readonly record struct Condition(Operand Operand, ComparisonOperator Operator, double Value);

    /// <summary>A condition bound to a model: <see cref="Field"/> indexes the fields span (−1 reads as missing) and must lie in <see cref="Low"/>..<see cref="High"/>.</summary>
    private readonly record struct BoundCondition(int Field, double Low, double High);
}
