using System.Data.Common;

namespace Formation.Application.Data;

/// <summary>Named parameters for hand-written SQL on either database (<c>@name</c> in the text).</summary>
public static class CommandParameters
{
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
