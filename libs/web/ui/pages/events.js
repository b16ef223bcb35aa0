// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'events',
  title: 'events',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'events'));
  },
};
