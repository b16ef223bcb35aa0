// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'agreements',
  title: 'agreements',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'agreements'));
  },
};
