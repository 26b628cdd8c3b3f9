/** The cloud function that serves an action: `member.me` → `member`. */
export type FunctionOf<A extends string> = A extends `${infer F}.${string}` ? F : never

export function functionOf<A extends string>(action: A): FunctionOf<A> {
  return action.slice(0, action.indexOf('.')) as FunctionOf<A>
}
