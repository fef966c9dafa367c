/** The id a PUT to `/<collection>/:id` writes: the path's, which a body id may repeat but not contradict. */
import { ValidationError } from '../../domain/index.js';

/** Returns the path id; throws a 400 naming `id` when the body carries a different one. */
export function pathId(params: { id: string }, body: { id?: string | undefined }): string {
  if (body.id !== undefined && body.id !== params.id) {
    throw new ValidationError([{ field: 'id', message: `does not match the id in the path ("${params.id}")` }]);
  }
  return params.id;
}
