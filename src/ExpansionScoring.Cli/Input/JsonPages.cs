using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace ExpansionScoring.Cli.Input;

/// <summary>Where <see cref="JsonAccountSource"/> takes its parsed pages from, in file order.</summary>
internal interface IJsonPages : IDisposable
{
    /// <summary>Takes the next page: its records, then its failure or the end of the book.</summary>
    JsonRecordPage Take();

    /// <summary>Gives back a page that has been read, for reuse.</summary>
    void Return(JsonRecordPage page);
}

/// <summary>The whole file parsed on one thread, a page at a time, from a stream (<see cref="JsonRecordReader.Fill"/>).</summary>
internal sealed class SequentialJsonPages(JsonRecordReader parser, int fields) : IJsonPages
{
    /// <summary>The pages in memory at once: one being read, one being parsed, one ready.</summary>
    private const int Pages = 3;

    private readonly BlockingCollection<JsonRecordPage> free = new(Pages);
    private readonly BlockingCollection<JsonRecordPage> full = new(Pages);
    private readonly CancellationTokenSource stop = new();
    private Thread? parsing;

    public JsonRecordPage Take()
    {
        if (parsing is null)
        {
            for (int i = 0; i < Pages; i++)
            {
                free.Add(new JsonRecordPage(fields));
            }

            parsing = new Thread(Parse) { IsBackground = true, Name = "JSON book parser" };
            parsing.Start();
        }

        return full.Take();
    }

    public void Return(JsonRecordPage page) => free.Add(page);

    public void Dispose()
    {
        stop.Cancel();
        parsing?.Join();
        stop.Dispose();
        free.Dispose();
        full.Dispose();
    }

    /// <summary>The parsing thread: fills free pages in turn until the book ends or fails, or the reading stops.</summary>
    private void Parse()
    {
        try
        {
            while (true)
            {
                var next = free.Take(stop.Token);
                parser.Fill(next);
                full.Add(next, stop.Token);
                if (next.Last || next.Failure is not null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end of the book.
        }
    }
}

/// <summary>
/// A file parsed in blocks of about <c>blockBytes</c> on several threads at once, the pages handed on in file order.
/// Block <c>k</c> is nominally the bytes from <c>k × blockBytes</c>; it really starts at the first element that
/// starts there or after, and ends before the first element that starts at or after the next block's nominal start.
/// </summary>
/// <remarks>
/// <para>
/// A worker cannot know where an element starts without reading the file from its start, so it guesses
/// (<see cref="JsonRecordReader.FillBlock"/>: a <c>{</c> after <c>},</c>) and parses from there, with lines counted
/// from the block's start. The block before, parsed from a known start, says where the element really starts
/// (<see cref="JsonRecordPage.StopAt"/>) and on which line. Pages are taken in order: a page whose start is confirmed
/// is handed on with its lines moved to the file's; one whose guess was wrong (a <c>},{</c> inside a string or a
/// comment), and one that failed, is parsed again here from the confirmed start, as the whole file would read there,
/// so rows, warnings, rejections and errors, with their lines, are as from one thread.
/// </para>
/// <para>
/// Memory holds at most <see cref="window"/> blocks ahead of the one being read, each about <c>blockBytes</c> and one element.
/// </para>
/// </remarks>
internal sealed class ParallelJsonPages : IJsonPages
{
    private readonly SafeFileHandle file;
    private readonly long length;
    private readonly int blockBytes;
    private readonly long blocks;
    private readonly int fields;
    private readonly int window;
    private readonly Func<JsonRecordReader> newReader;
    private readonly JsonRecordPage?[] ready;
    private readonly Stack<JsonRecordPage> free = new();
    private readonly object gate = new();
    private readonly Thread[] workers;
    private JsonRecordReader? own;
    private long next;
    private long taking;
    private bool stopped;
    private long expectedStart;
    private long lineAtStart = 1;

    public ParallelJsonPages(SafeFileHandle file, long length, int blockBytes, int workerCount, int fields, Func<JsonRecordReader> newReader)
    {
        this.file = file;
        this.length = length;
        this.blockBytes = blockBytes;
        this.fields = fields;
        this.newReader = newReader;
        blocks = ((length - 1) / blockBytes) + 1;
        window = 2 * workerCount;
        ready = new JsonRecordPage?[window];
        workers = new Thread[workerCount];
    }

    /// <summary>Gets or sets what is done with each page on the thread that parsed it, before it is taken (set before the first <see cref="Take"/>).</summary>
    public Action<JsonRecordPage>? AfterFill { get; set; }

    public JsonRecordPage Take()
    {
        if (workers[0] is null)
        {
            for (int i = 0; i < workers.Length; i++)
            {
                workers[i] = new Thread(Work) { IsBackground = true, Name = "JSON book parser" };
                workers[i].Start();
            }
        }

        JsonRecordPage? page;
        long k = taking;
        lock (gate)
        {
            while ((page = ready[k % window]) is null)
            {
                Monitor.Wait(gate);
            }

            ready[k % window] = null;
        }

        if (page.BlockStart != expectedStart || page.Failure is not null)
        {
            // A wrong guess, or a failure: parse the block here from where it really starts, with the file's lines.
            own ??= newReader();
            own.FillBlock(page, file, length, expectedStart, search: false, End(k), lineAtStart);
            AfterFill?.Invoke(page);
        }
        else
        {
            page.LineBase = lineAtStart - 1;
        }

        if (page.StopAt >= 0)
        {
            expectedStart = page.StopAt;
            lineAtStart = page.StopLine + page.LineBase;
        }

        return page;
    }

    public void Return(JsonRecordPage page)
    {
        lock (gate)
        {
            free.Push(page);
            taking++;
            Monitor.PulseAll(gate);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stopped = true;
            Monitor.PulseAll(gate);
        }

        foreach (var worker in workers)
        {
            worker?.Join();
        }
    }

    /// <summary>Where block <paramref name="k"/> ends: before the first element that starts at or after this.</summary>
    private long End(long k) => k + 1 < blocks ? (k + 1) * blockBytes : long.MaxValue;

    /// <summary>A worker: parses the next block not yet taken, from its guessed start, while it is within the window.</summary>
    private void Work()
    {
        var reader = newReader();
        while (true)
        {
            long k;
            JsonRecordPage page;
            lock (gate)
            {
                while (!stopped && next < blocks && next - taking >= window)
                {
                    Monitor.Wait(gate);
                }

                if (stopped || next >= blocks)
                {
                    return;
                }

                k = next++;
                page = free.Count > 0 ? free.Pop() : new JsonRecordPage(fields);
            }

            long from = k * blockBytes;
            reader.FillBlock(page, file, length, from, search: k > 0, End(k), firstLine: 1);
            try
            {
                AfterFill?.Invoke(page);
            }
            catch (Exception ex)
            {
                // Not for this thread to report: the page is parsed again where it is taken, which throws it there.
                page.Failure ??= ExceptionDispatchInfo.Capture(ex);
            }

            lock (gate)
            {
                ready[k % window] = page;
                Monitor.PulseAll(gate);
            }
        }
    }
}
