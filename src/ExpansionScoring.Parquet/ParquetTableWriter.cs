using Parquet;
using Parquet.Schema;

namespace ExpansionScoring.Parquet;

/// <summary>The type of a column written by <see cref="ParquetTableWriter"/>.</summary>
internal enum ParquetColumnType
{
    /// <summary>UTF-8 text, null allowed: a <c>string?[]</c>.</summary>
    Text,

    /// <summary>A double that is always there: a <c>double[]</c>.</summary>
    Double,

    /// <summary>A boolean that is always there: a <c>bool[]</c>.</summary>
    Boolean,

    /// <summary>A 32-bit integer that is always there: an <c>int[]</c>.</summary>
    Int32,
}

/// <summary>
/// Writes a table of typed columns as a Parquet file with Parquet.Net, one row group per
/// <see cref="WriteRowGroupAsync"/>: the tool's Parquet output. The stream must be seekable; it is left open.
/// </summary>
internal sealed class ParquetTableWriter : IAsyncDisposable
{
    private readonly ParquetWriter writer;
    private readonly DataField[] fields;
    private readonly ParquetColumnType[] types;

    private ParquetTableWriter(ParquetWriter writer, DataField[] fields, ParquetColumnType[] types)
    {
        this.writer = writer;
        this.fields = fields;
        this.types = types;
    }

    /// <summary>Starts a Parquet file of <paramref name="columns"/> on <paramref name="stream"/>.</summary>
    public static async Task<ParquetTableWriter> CreateAsync(Stream stream, IReadOnlyList<(string Name, ParquetColumnType Type)> columns, CancellationToken cancellationToken = default)
    {
        var fields = columns.Select(c => c.Type switch
        {
            ParquetColumnType.Text => (DataField)new DataField<string>(c.Name, nullable: true),
            ParquetColumnType.Double => new DataField<double>(c.Name, nullable: false),
            ParquetColumnType.Boolean => new DataField<bool>(c.Name, nullable: false),
            _ => new DataField<int>(c.Name, nullable: false),
        }).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, new ParquetOptions(), append: false, cancellationToken).ConfigureAwait(false);
        return new ParquetTableWriter(writer, fields, [.. columns.Select(c => c.Type)]);
    }

    /// <summary>Writes the first <paramref name="rows"/> values of each column (arrays of the columns' types, in order) as one row group.</summary>
    public async Task WriteRowGroupAsync(IReadOnlyList<Array> columns, int rows, CancellationToken cancellationToken = default)
    {
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < fields.Length; c++)
        {
            switch (types[c])
            {
                case ParquetColumnType.Text:
                    await group.WriteAsync(fields[c], new ArraySegment<string>((string[])columns[c], 0, rows), null).ConfigureAwait(false);
                    break;
                case ParquetColumnType.Double:
                    await group.WriteAsync(fields[c], new ReadOnlyMemory<double>((double[])columns[c], 0, rows), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                case ParquetColumnType.Boolean:
                    await group.WriteAsync(fields[c], new ReadOnlyMemory<bool>((bool[])columns[c], 0, rows), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(fields[c], new ReadOnlyMemory<int>((int[])columns[c], 0, rows), null, null, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Writes the file's footer.</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
