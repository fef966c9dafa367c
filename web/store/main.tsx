/** Entry of the storefront: start reading the configuration at once, render, and let the pages load their data. */
import { render } from 'preact';
import { App } from './app.js';
import { connect } from './lib/client.js';
import './styles.css';

void connect();

const root = document.getElementById('app');
if (root) render(<App />, root);
