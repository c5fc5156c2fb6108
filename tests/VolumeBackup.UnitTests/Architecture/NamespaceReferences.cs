using System.Reflection;
using System.Reflection.Emit;

namespace VolumeBackup.UnitTests.Architecture;

/// <summary>
/// The namespaces a group of types uses, read from the compiled assembly: base types, interfaces, fields, properties,
/// method and constructor signatures, attributes, and every type, method and field token in the method bodies' IL
/// (compiler-made closures and async state machines are nested types, so they count for their outer type).
/// Constants are copied into the IL as values and leave no trace; an edge through a constant alone is not seen.
/// </summary>
internal static class NamespaceReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Each type in <paramref name="assembly"/> under <paramref name="fromNamespace"/>, with the namespaces it uses.</summary>
    public static IEnumerable<(Type From, string Used)> Of(Assembly assembly, string fromNamespace) =>
        from type in assembly.GetTypes()
        where IsUnder(type.Namespace, fromNamespace)
        from used in UsedTypes(type).Select(t => t.Namespace).OfType<string>().Distinct(StringComparer.Ordinal)
        select (type, used);

    public static bool IsUnder(string? name, string prefix) =>
        name is not null && (name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));

    private static List<Type> UsedTypes(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            found.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        type.GetInterfaces().ToList().ForEach(Add);
        type.GetCustomAttributesData().ToList().ForEach(a => Add(a.AttributeType));
        type.GetFields(Declared).ToList().ForEach(f => Add(f.FieldType));
        type.GetProperties(Declared).ToList().ForEach(p => Add(p.PropertyType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            method.GetParameters().ToList().ForEach(p => Add(p.ParameterType));
            method.GetCustomAttributesData().ToList().ForEach(a => Add(a.AttributeType));
            foreach (var token in BodyTokens(method))
            {
                Add(Resolve(method, token));
            }
        }

        return found;
    }

    // The declaring or named type of each type, method or field token in the body.
    private static Type? Resolve(MethodBase method, int token)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        return method.Module.ResolveMember(token, typeArguments, methodArguments) switch
        {
            Type t => t,
            MemberInfo m => m.DeclaringType,
            _ => null,
        };
    }

    private static List<int> BodyTokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        var tokens = new List<int>();
        if (il is null)
        {
            return tokens;
        }

        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var opCode = OpCodesByValue[value];
            at += opCode.Size;
            switch (opCode.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    tokens.Add(BitConverter.ToInt32(il, at));
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    at += 4;
                    break;
            }
        }

        return tokens;
    }
}
