import { notBuiltPage } from "../not-built-page";

const { Page, generateMetadata } = notBuiltPage("network");
export { generateMetadata };
export default Page;
