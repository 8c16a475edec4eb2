export type BinaryOperator =
  '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '&&' | '||' | '??';

/** A parsed expression. `position` is the character offset the part starts at (for messages). */
export type ExpressionNode =
  | { kind: 'literal'; value: string | number | boolean | null; position: number }
  | { kind: 'variable'; name: string; position: number }
  /** `a.b` is stored as `a["b"]`: the key is a literal for the dotted form. */
  | { kind: 'member'; object: ExpressionNode; key: ExpressionNode; position: number }
  | { kind: 'unary'; operator: '!' | '-'; operand: ExpressionNode; position: number }
  | {
      kind: 'binary';
      operator: BinaryOperator;
      left: ExpressionNode;
      right: ExpressionNode;
      position: number;
    }
  | {
      kind: 'conditional';
      test: ExpressionNode;
      consequent: ExpressionNode;
      alternate: ExpressionNode;
      position: number;
    }
  | { kind: 'call'; name: string; args: ExpressionNode[]; position: number };

export function childNodes(node: ExpressionNode): ExpressionNode[] {
  switch (node.kind) {
    case 'literal':
    case 'variable':
      return [];
    case 'member':
      return [node.object, node.key];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'call':
      return node.args;
  }
}
