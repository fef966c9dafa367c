/** Entry of the console page. */
import { render } from 'preact';

function App() {
  return <h1>Daogou console</h1>;
}

const root = document.getElementById('app');
if (root) render(<App />, root);
