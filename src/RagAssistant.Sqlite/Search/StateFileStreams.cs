using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// Writes the papers-and-postings file (<see cref="SearchStateFile"/>) as arrays of fixed-size values, little-endian
/// as the machine is, through a large buffer, hashing every byte on its way out.
/// </summary>
internal sealed class StateFileWriter(Stream file) : IDisposable
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly XxHash3 _hash = new();
    private int _used;

    public void Write<T>(T value) where T : unmanaged => Write<T>(MemoryMarshal.CreateReadOnlySpan(ref value, 1));

    public void Write<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        while (bytes.Length > 0)
        {
            var take = Math.Min(bytes.Length, _buffer.Length - _used);
            bytes[..take].CopyTo(_buffer.AsSpan(_used));
            _used += take;
            bytes = bytes[take..];
            if (_used == _buffer.Length) Flush();
        }
    }

    /// <summary>Everything written so far reaches the file; returns the hash of it.</summary>
    public ulong Finish()
    {
        Flush();
        return _hash.GetCurrentHashAsUInt64();
    }

    private void Flush()
    {
        _hash.Append(_buffer.AsSpan(0, _used));
        file.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => Finish();
}

/// <summary>
/// Reads what <see cref="StateFileWriter"/> wrote: large arrays straight into their destination, small values
/// through a buffer, never past <paramref name="length"/> bytes, hashing every byte read. A count that could not
/// fit in what is left of the file is refused before anything is allocated for it.
/// </summary>
internal sealed class StateFileReader(Stream file, long length)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly XxHash3 _hash = new();
    private long _left = length; // bytes of the file not yet taken into the buffer
    private int _start, _end;

    public long Remaining => _left + (_end - _start);

    public T Read<T>() where T : unmanaged
    {
        T value = default;
        ReadInto(MemoryMarshal.CreateSpan(ref value, 1));
        return value;
    }

    /// <summary>A count of elements of <paramref name="elementSize"/> bytes each, checked against what is left.</summary>
    public int ReadCount(int elementSize)
    {
        var count = Read<int>();
        if (count < 0 || (long)count * elementSize > Remaining) throw new InvalidDataException("A count runs past the end of the file.");
        return count;
    }

    public T[] ReadArray<T>(int count) where T : unmanaged
    {
        var values = GC.AllocateUninitializedArray<T>(count);
        ReadInto(values.AsSpan());
        return values;
    }

    public void ReadInto<T>(Span<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        var buffered = Math.Min(bytes.Length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(bytes);
        _start += buffered;
        bytes = bytes[buffered..];
        if (bytes.Length == 0) return;
        if (bytes.Length >= _buffer.Length)
        {
            Take(bytes);
            return;
        }
        var fill = (int)Math.Min(_buffer.Length, _left);
        if (fill < bytes.Length) throw new EndOfStreamException();
        Take(_buffer.AsSpan(0, fill));
        (_start, _end) = (0, fill);
        _buffer.AsSpan(0, bytes.Length).CopyTo(bytes);
        _start = bytes.Length;
    }

    /// <summary>The hash of everything read; the whole length must have been read.</summary>
    public ulong Hash() =>
        Remaining == 0 ? _hash.GetCurrentHashAsUInt64() : throw new InvalidDataException("The file holds more than its contents.");

    private void Take(Span<byte> into)
    {
        if (into.Length > _left) throw new EndOfStreamException();
        file.ReadExactly(into);
        _hash.Append(into);
        _left -= into.Length;
    }
}
