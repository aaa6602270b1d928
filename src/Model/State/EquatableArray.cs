using System.Collections;

namespace WinsockConformance.Model;

/// <summary>
/// An immutable array with value equality, so records that hold one still compare by value
/// (a plain array or ImmutableArray member would compare by reference; house-style-anchors.md 3.4).
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Wraps <paramref name="items"/> without copying: the caller must not change the array afterwards.</summary>
    public EquatableArray(T[] items) => _items = items;

    /// <summary>The empty array (the default value).</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>The number of items.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] => (_items ?? [])[index];

    /// <summary>The items without copying or boxing, for loops on hot paths (foreach over the struct boxes its enumerator).</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>A new array with <paramref name="item"/> appended; this one is unchanged.</summary>
    public EquatableArray<T> Add(T item)
    {
        var copy = new T[Count + 1];
        _items?.CopyTo(copy, 0);
        copy[^1] = item;
        return new EquatableArray<T>(copy);
    }

    /// <summary>A new array without the item at <paramref name="index"/>; this one is unchanged.</summary>
    public EquatableArray<T> RemoveAt(int index)
    {
        var items = _items ?? [];
        var copy = new T[items.Length - 1];
        Array.Copy(items, 0, copy, 0, index);
        Array.Copy(items, index + 1, copy, index, items.Length - index - 1);
        return new EquatableArray<T>(copy);
    }

    /// <summary>Whether both hold equal items in the same order (not reference equality, unlike an array).</summary>
    public bool Equals(EquatableArray<T> other) =>
        (_items ?? []).AsSpan().SequenceEqual(other._items ?? [], EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items ?? [])
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Item-by-item equality (<see cref="Equals(EquatableArray{T})"/>).</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Item-by-item inequality (<see cref="Equals(EquatableArray{T})"/>).</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}
