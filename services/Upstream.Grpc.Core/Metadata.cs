using System.Collections;
using System.Text;

namespace Upstream.Grpc;

/// <summary>
/// Ordered gRPC metadata (headers or trailers). Keys are lowercased and checked against the protocol's
/// character set; keys ending in <c>-bin</c> carry bytes, all others printable ASCII strings.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance, used where a call has no metadata.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> entries;
    private bool readOnly;

    public Metadata() => entries = [];

    public int Count => entries.Count;

    public bool IsReadOnly => readOnly;

    public Entry this[int index]
    {
        get => entries[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckWritable();
            entries[index] = value;
        }
    }

    /// <summary>Makes this instance read-only (used for what has already been sent or received).</summary>
    public Metadata Freeze()
    {
        readOnly = true;
        return this;
    }

    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        Add(new Entry(key, valueBytes));
        return this;
    }

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        entries.Add(item);
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entries[i];
            }
        }

        return null;
    }

    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public void Clear()
    {
        CheckWritable();
        entries.Clear();
    }

    public bool Contains(Entry item) => entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => entries.CopyTo(array, arrayIndex);

    public int IndexOf(Entry item) => entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        entries.Insert(index, item);
    }

    public bool Remove(Entry item)
    {
        CheckWritable();
        return entries.Remove(item);
    }

    public void RemoveAt(int index)
    {
        CheckWritable();
        entries.RemoveAt(index);
    }

    public List<Entry>.Enumerator GetEnumerator() => entries.GetEnumerator();

    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => entries.GetEnumerator();

    private void CheckWritable()
    {
        if (readOnly)
        {
            throw new InvalidOperationException("Metadata that has been sent or received is read-only.");
        }
    }

    /// <summary>One key and its value: a string, or bytes when the key ends in <c>-bin</c>.</summary>
    public sealed class Entry
    {
        private readonly string? value;
        private readonly byte[]? valueBytes;

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' ends in '-bin' and takes a byte[] value.", nameof(key));
            }

            foreach (var c in value)
            {
                // Printable ASCII only: anything else cannot travel in an HTTP/2 header unchanged.
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"The value of '{Key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
                }
            }

            this.value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' takes a string value; binary values need a key ending in '-bin'.", nameof(key));
            }

            this.valueBytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => IsBinaryKey(Key);

        /// <summary>The string value; for a binary entry, its bytes read as UTF-8 would be wrong, so this throws.</summary>
        public string Value => value ?? throw new InvalidOperationException($"'{Key}' is a binary entry; read ValueBytes.");

        /// <summary>The bytes: for a binary entry as given, for a string entry its ASCII encoding.</summary>
        public byte[] ValueBytes => valueBytes ?? Encoding.ASCII.GetBytes(value!);

        public override string ToString() =>
            IsBinary ? $"[Entry: key={Key}, valueBytes={valueBytes!.Length} bytes]" : $"[Entry: key={Key}, value={value}]";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' may contain only 0-9 a-z _ - and '.'.", nameof(key));
                }
            }

            return normalized;
        }
    }

    public static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);
}
